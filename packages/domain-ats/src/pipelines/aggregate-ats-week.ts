import { checkSharesSumToOne, type VolumeRow } from "@spine/finra";
import {
  definePipeline,
  openDerivedCapture,
  recordCheckResult,
  recordSeriesChecks,
  type SqlScope,
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

// Each ATS's share, rank and trade size; the name is the byte-smallest spelling the ATS used.
function insertMarketShares(
  scope: SqlScope,
  owner: readonly unknown[],
  shares: ReturnType<typeof computeAtsMarketShares>,
  names: ReadonlyMap<string, string | null>,
) {
  const columns =
    "capture_id tier week_ending mpid ats_name shares trades symbols market_share share_rank avg_trade_size";
  return scope.bulkInsert(
    "ats_market_share",
    columnList(columns),
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
}

function insertConcentration(scope: SqlScope, owner: readonly unknown[], volumes: readonly VolumeRow[]) {
  return scope.bulkInsert(
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
}

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
    // An ATS may spell its name differently across symbols; the byte-smallest spelling stands for it.
    const names = smallestTextBy(
      stored,
      (row) => row.mpid,
      (row) => row.ats_name,
    );
    const owner = [captureId, input.tier, input.week_ending];
    const shares = computeAtsMarketShares(stored);
    const sumsToOne = checkSharesSumToOne(shares.map((ats) => ats.marketShare));
    await recordCheckResult(context.quality, "aggregate.venue_shares_sum_to_one", sumsToOne, "critical");
    const activity = { table: "ats_venue_rows", shares: "shares", trades: "trades" };
    await recordSeriesChecks(context, atsCaptures, normalized, { prefix: "aggregate", activity });
    const shareCount = await insertMarketShares(context.scope, owner, shares, names);
    const symbolCount = await insertConcentration(context.scope, owner, stored);
    const rowCount = shareCount + symbolCount;
    await setCaptureRowCount(context.scope, captureId, rowCount);
    const atsShares = sumDecimals(stored, (row) => row.shareVolume);
    const metrics = { ats_count: shareCount, symbol_count: symbolCount, ats_shares: atsShares };
    return { rowCount, metrics: { capture_id: captureId, ...metrics } };
  },
});
