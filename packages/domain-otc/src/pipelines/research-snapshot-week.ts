import type { Tier } from "@spine/finra";
import { expectedPublicationDate } from "@spine/finra";
import type { CaptureRow, PipelineContext, SqlScope } from "@spine/platform";
import {
  calculationVersionParam,
  captureTotals,
  chooseCalculations,
  definePipeline,
  findCapture,
  findLatestCapture,
  openDerivedCapture,
  recordCountCheck,
  setCaptureRowCount,
} from "@spine/platform";
import type { z } from "zod";
import { otcCalculations } from "../calculations/calculation-versions.js";
import { missingInput } from "./support/missing-input.js";
import { otcCaptures } from "./support/otc-captures.js";
import { otcDatabase } from "./support/otc-database.js";
import { rollingWindowParams, windowVariant } from "./support/rolling-window-params.js";
import { insertSnapshotRows } from "./support/snapshot-sql.js";
import { tierWeekKey } from "./support/tier-week-params.js";

/** Counts over the new snapshot capture and its input summary, for quality checks. */
async function tallyOf(scope: SqlScope, captureId: string, aggregateCaptureId: string) {
  const snapshot = await captureTotals(scope, "otc_research_snapshot_rows", captureId, {
    countNull: ["rolling_window_weeks", "issue_name"],
  });
  return {
    rows: snapshot.rows,
    summaryRows: (await captureTotals(scope, "otc_symbol_summary_rows", aggregateCaptureId)).rows,
    withoutRolling: snapshot.nulls.rolling_window_weeks,
    withoutIssueName: snapshot.nulls.issue_name,
  };
}

type SnapshotTally = Awaited<ReturnType<typeof tallyOf>>;

async function recordChecks(
  context: PipelineContext,
  tally: SnapshotTally,
  windowWeeks: number,
): Promise<void> {
  await recordCountCheck(context.quality, {
    checkName: "snapshot.rows_match_summary",
    actual: tally.rows,
    expected: tally.summaryRows,
    message: `${tally.rows} snapshot rows for ${tally.summaryRows} symbol summary rows`,
  });
  await recordCountCheck(context.quality, {
    checkName: "snapshot.rolling_present",
    mismatch: "warn",
    actual: tally.withoutRolling,
    expected: 0,
    message: `${tally.withoutRolling} symbols without ${windowVariant(windowWeeks)} rolling metrics (run otc.compute_rolling first)`,
  });
  await recordCountCheck(context.quality, {
    checkName: "snapshot.issue_name_present",
    mismatch: "warn",
    actual: tally.withoutIssueName,
    expected: 0,
    message: `${tally.withoutIssueName} symbols without an issue name in any venue row`,
  });
}

const snapshotCalculationNames = ["research_snapshot", "liquidity_score"] as const;

const snapshotParams = rollingWindowParams.extend({
  calc_version: calculationVersionParam(otcCalculations, snapshotCalculationNames),
});

type SnapshotParams = z.output<typeof snapshotParams>;

function choiceOf(params: SnapshotParams) {
  return chooseCalculations(otcCalculations, snapshotCalculationNames, params.calc_version);
}

/** The snapshot's capture variant: one per window length, and per non-current calculation version. */
export function snapshotVariant(params: SnapshotParams): string {
  const choice = choiceOf(params);
  return choice.variant
    ? `${windowVariant(params.window_weeks)}_${choice.variant}`
    : windowVariant(params.window_weeks);
}

// A non-current version reads the aggregate capture of that version's liquidity scores.
async function liquidityCaptureOf(scope: SqlScope, params: SnapshotParams, aggregate: CaptureRow) {
  const variant = choiceOf(params).variant;
  if (!variant) return aggregate;
  const capture = await findLatestCapture(scope, otcCaptures, {
    partition: tierWeekKey(params),
    stage: "aggregate",
    variant,
  });
  if (!capture)
    throw missingInput(
      "snapshot",
      params.tier,
      params.week_ending,
      `aggregate (calc_version=${params.calc_version})`,
    );
  return capture;
}

// One manifest entry per window length, and per non-current calculation version beside it.
function partitionOf(params: SnapshotParams) {
  const key = tierWeekKey(params);
  return choiceOf(params).variant
    ? { key, variant: snapshotVariant(params), sideBySide: true }
    : { key, variant: windowVariant(params.window_weeks) };
}

// Never earlier than the date the rows became knowable: a week republished later, or a rolling
// window holding such a week, is first public on that later date (no look-ahead).
async function publicationDateOf(scope: SqlScope, captureId: string, tier: Tier, weekEnding: string) {
  const knowable = (await findCapture(scope, otcCaptures, captureId)).knowable_date;
  const scheduled = expectedPublicationDate(tier, weekEnding);
  return knowable !== null && knowable > scheduled ? knowable : scheduled;
}

/** One research row per symbol of a tier-week, joining every latest derived table with point-in-time dates. */
export const researchSnapshotWeekPipeline = definePipeline({
  name: "otc.research_snapshot_week",
  description:
    "Research snapshot of a tier-week: summary, concentration, liquidity and rolling metrics per symbol, with the date the data became public.",
  calculations: otcCalculations.select(snapshotCalculationNames),
  params: snapshotParams,
  stage: { domain: "otc", stage: "snapshot", partition: partitionOf },
  run: async (context, params) => {
    const tier: Tier = params.tier;
    const db = otcDatabase(context.scope);
    const partition = tierWeekKey(params);
    const input = await findLatestCapture(context.scope, otcCaptures, { partition, stage: "aggregate" });
    if (!input) throw missingInput("snapshot", tier, params.week_ending, "aggregate");
    const ingest = await findLatestCapture(context.scope, otcCaptures, { partition, stage: "ingest" });
    const rolling = await findLatestCapture(context.scope, otcCaptures, {
      partition,
      stage: "rolling",
      variant: windowVariant(params.window_weeks),
    });
    const liquidity = await liquidityCaptureOf(context.scope, params, input);
    const computedAt = context.now().toISOString();
    // One snapshot per window length, side by side like the rolling windows they join.
    const captureId = await openDerivedCapture(context, otcCaptures, input, {
      stage: "snapshot",
      variant: snapshotVariant(params),
      createdAt: computedAt,
      otherInputs: [liquidity.capture_id, ...(rolling ? [rolling.capture_id] : [])],
    });
    const publicationDate = await publicationDateOf(context.scope, captureId, tier, params.week_ending);
    await insertSnapshotRows(db, {
      captureId,
      aggregateCaptureId: input.capture_id,
      liquidityCaptureId: liquidity.capture_id,
      normalizeCaptureId: input.input_capture_id ?? "",
      rollingCaptureId: rolling?.capture_id ?? null,
      windowWeeks: params.window_weeks,
      expectedPublicationDate: publicationDate,
      sourceLastUpdateDate: ingest?.publication_date ?? null,
      capabilities: context.scope.sql,
    });
    const tally = await tallyOf(context.scope, captureId, input.capture_id);
    await setCaptureRowCount(context.scope, captureId, tally.rows);
    await recordChecks(context, tally, params.window_weeks);
    return {
      rowCount: tally.rows,
      metrics: {
        capture_id: captureId,
        input_capture_id: input.capture_id,
        rolling_capture_id: rolling?.capture_id ?? null,
        expected_publication_date: publicationDate,
        symbols_without_rolling: tally.withoutRolling,
      },
    };
  },
});
