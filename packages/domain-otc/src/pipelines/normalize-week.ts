import type { PipelineContext } from "@spine/platform";
import { definePipeline } from "@spine/platform";
import { CALCULATIONS } from "../calculations/calculation-versions.js";
import { impliedWeekOfRow } from "../models/implied-week.js";
import type { Tier } from "../models/tier.js";
import { createCapture, findLatestCapture, setCaptureRowCount } from "./support/captures.js";
import { derivedCaptureDetails } from "./support/derived-capture.js";
import { missingInput } from "./support/missing-input.js";
import type { NormalizeTally, PageVerdicts } from "./support/normalize-rows.js";
import { createRowJudge } from "./support/normalize-rows.js";
import { otcDatabase } from "./support/otc-database.js";
import { dominantLastUpdateDate, rawLinesOf, rawRowPages, repeatedKeysOf } from "./support/raw-pages.js";
import { tierWeekKey, tierWeekParams } from "./support/tier-week-params.js";

const venueVolumeColumns = [
  "capture_id",
  "tier",
  "week_ending",
  "calc_name",
  "calc_version",
  "computed_at",
  "execution_id",
  "symbol",
  "issue_name",
  "mpid",
  "market_participant_name",
  "share_volume",
  "trade_count",
  "avg_trade_size",
  "line_number",
  "record_hash",
] as const;

/** Where a page's verdicts go: the new capture, for one tier-week, from one raw capture. */
interface VerdictTarget {
  readonly captureId: string;
  readonly inputCaptureId: string;
  readonly tier: string;
  readonly weekEnding: string;
  readonly computedAt: string;
}

async function writeVerdicts(context: PipelineContext, target: VerdictTarget, verdicts: PageVerdicts) {
  const { venueVolume } = CALCULATIONS;
  const { captureId, computedAt } = target;
  const rows = verdicts.accepted.map(({ raw, volume }) => [
    captureId,
    target.tier,
    target.weekEnding,
    venueVolume.name,
    venueVolume.version,
    computedAt,
    context.executionId,
    volume.symbol,
    volume.issueName,
    volume.mpid,
    volume.marketParticipantName,
    volume.shareVolume,
    volume.tradeCount,
    volume.avgTradeSize,
    raw.line_number,
    raw.record_hash,
  ]);
  if (rows.length > 0) await context.scope.bulkInsert("otc_venue_volume", venueVolumeColumns, rows);
  if (verdicts.rejected.length === 0) return;
  const lines = await rawLinesOf(
    otcDatabase(context.scope),
    target.inputCaptureId,
    verdicts.rejected.map((reject) => Number(reject.lineNumber)),
  );
  await context.rejects.record(
    verdicts.rejected.map((reject) => ({
      ...reject,
      rawRecord: lines.get(Number(reject.lineNumber)) ?? null,
    })),
  );
}

async function recordChecks(context: PipelineContext, tally: NormalizeTally): Promise<void> {
  const accounted = tally.accepted + tally.rejected === tally.rowsRead;
  await context.quality.record({
    checkName: "normalize.rows_accounted",
    severity: "critical",
    status: accounted ? "pass" : "fail",
    message: `rows read ${tally.rowsRead} = accepted ${tally.accepted} + rejected ${tally.rejected}`,
    actual: tally.accepted + tally.rejected,
    expectedValue: tally.rowsRead,
  });
  const duplicates = tally.rejectsByCode.DUPLICATE_KEY ?? 0;
  await context.quality.record({
    checkName: "normalize.duplicate_keys",
    severity: "warn",
    status: duplicates === 0 ? "pass" : "warn",
    message: `${duplicates} duplicate (symbol, mpid) rows rejected`,
    actual: duplicates,
    expectedValue: 0,
  });
}

/** Validates the latest raw capture of a tier-week into otc_venue_volume; every invalid row becomes a reject. */
export const normalizeWeekPipeline = definePipeline({
  name: "otc.normalize_week",
  description:
    "Validate a tier-week's raw rows into otc_venue_volume; invalid rows go to core_rejects with reason codes.",
  params: tierWeekParams,
  stage: { domain: "otc", stage: "normalize", partition: (params) => ({ key: tierWeekKey(params) }) },
  run: async (context, params) => {
    const tier: Tier = params.tier;
    const db = otcDatabase(context.scope);
    const input = await findLatestCapture(db, tier, params.week_ending, "ingest");
    if (!input) throw missingInput("normalize", tier, params.week_ending, "ingest");
    const computedAt = context.now().toISOString();
    const captureId = await createCapture(
      db,
      derivedCaptureDetails(context, input, {
        stage: "normalize",
        variant: "default",
        createdAt: computedAt,
      }),
    );
    const tally: NormalizeTally = {
      rowsRead: 0,
      accepted: 0,
      rejected: 0,
      acceptedShareVolume: 0,
      acceptedTradeCount: 0,
      rejectsByCode: {},
    };
    const dominantDate = await dominantLastUpdateDate(db, input.capture_id);
    const publication = dominantDate
      ? impliedWeekOfRow({ weekText: null, lastUpdateDate: dominantDate }, tier)
      : null;
    const dominantPublicationWeek = publication?.ok ? publication.value.weekEnding : null;
    const repeatedKeys = await repeatedKeysOf(db, input.capture_id);
    const judge = createRowJudge(
      { tier, weekEnding: params.week_ending, dominantPublicationWeek },
      tally,
      input.source_file,
      repeatedKeys,
    );
    const target = {
      captureId,
      inputCaptureId: input.capture_id,
      tier,
      weekEnding: params.week_ending,
      computedAt,
    };
    for await (const page of rawRowPages(db, input.capture_id)) {
      await writeVerdicts(context, target, judge(page));
      context.progress({
        completed: tally.rowsRead,
        total: Number(input.row_count),
        unit: "rows",
        message: "normalizing",
      });
    }
    await setCaptureRowCount(db, captureId, tally.accepted);
    await recordChecks(context, tally);
    return {
      rowCount: tally.accepted,
      metrics: {
        capture_id: captureId,
        input_capture_id: input.capture_id,
        rows_read: tally.rowsRead,
        rows_accepted: tally.accepted,
        rows_rejected: tally.rejected,
        rejects_by_code: tally.rejectsByCode,
        accepted_share_volume: tally.acceptedShareVolume,
        accepted_trade_count: tally.acceptedTradeCount,
      },
    };
  },
});
