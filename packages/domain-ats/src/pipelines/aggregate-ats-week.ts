import { checkSharesSumToOne, type VolumeRow } from "@spine/finra";
import {
  definePipeline,
  openDerivedCapture,
  recordCheckResult,
  recordSeriesChecks,
  setCaptureRowCount,
  smallestTextBy,
  sumDecimals,
} from "@spine/platform";
import { atsCaptures } from "../ats-captures.js";
import { ATS_CALCULATIONS } from "../calculations/ats-calculation-versions.js";
import { computeAtsConcentration } from "../calculations/ats-concentration.js";
import { computeAtsMarketShares } from "../calculations/ats-market-share.js";
import { atsTables, columnList } from "../database/ats-tables.js";
import { latestInput, tierWeekParams, tierWeekStage } from "./tier-week-stage.js";

/** Computes, from the latest normalize capture, each ATS's market share of the tier-week's ATS volume with its
 * rank and average trade size (ats_market_share), and each symbol's ATS concentration (ats_symbol_hhi), with
 * the pure calculations the unit tests pin down. */
export const aggregateAtsWeek = definePipeline({
  name: "ats.aggregate_week",
  description: "Per tier-week: each ATS's market share, rank and average trade size; each symbol's ATS HHI.",
  params: tierWeekParams,
  stage: tierWeekStage("aggregate"),
  run: async (context, input) => {
    const normalized = await latestInput(context, input, "normalize", "ats.normalize_week");
    const captureId = await openDerivedCapture(context, atsCaptures, normalized, {
      stage: "aggregate",
      calculation: ATS_CALCULATIONS.marketShare,
      createdAt: context.now().toISOString(),
    });
    const stored = await atsTables(context.scope)
      .selectFrom("ats_venue_rows")
      .select(["symbol", "mpid", "ats_name", "shares as shareVolume", "trades as tradeCount"])
      .where("capture_id", "=", normalized.capture_id)
      .orderBy("line_number")
      .execute();
    const volumes: VolumeRow[] = stored;
    // An ATS may spell its name differently across symbols; the byte-smallest spelling stands for it.
    const names = smallestTextBy(
      stored,
      (row) => row.mpid,
      (row) => row.ats_name,
    );
    const owner = [captureId, input.tier, input.week_ending];
    const shares = computeAtsMarketShares(volumes);
    const sumsToOne = checkSharesSumToOne(shares.map((ats) => ats.marketShare));
    await recordCheckResult(context.quality, "aggregate.venue_shares_sum_to_one", sumsToOne, "critical");
    const activity = { table: "ats_venue_rows", shares: "shares", trades: "trades" };
    await recordSeriesChecks(context, atsCaptures, normalized, { prefix: "aggregate", activity });
    const shareCount = await context.scope.bulkInsert(
      "ats_market_share",
      columnList(
        "capture_id tier week_ending mpid ats_name shares trades symbols market_share share_rank avg_trade_size",
      ),
      shares.map((ats) => [
        ...owner,
        ats.mpid,
        names.get(ats.mpid) ?? null,
        ats.totalVolume,
        ats.totalTrades,
        ats.symbolCount,
        ats.marketShare,
        ats.rank,
        ats.avgTradeSize,
      ]),
    );
    const symbolCount = await context.scope.bulkInsert(
      "ats_symbol_hhi",
      columnList("capture_id tier week_ending symbol ats_count hhi top_mpid top_share"),
      computeAtsConcentration(volumes).map((symbol) => [
        ...owner,
        symbol.symbol,
        symbol.atsCount,
        symbol.hhi,
        symbol.topAtsMpid,
        symbol.topAtsShare,
      ]),
    );
    await setCaptureRowCount(context.scope, captureId, shareCount + symbolCount);
    const totalShares = sumDecimals(volumes, (row) => row.shareVolume);
    return {
      rowCount: shareCount + symbolCount,
      metrics: {
        capture_id: captureId,
        ats_count: shareCount,
        symbol_count: symbolCount,
        ats_shares: totalShares,
      },
    };
  },
});
