import type { Tier } from "@spine/finra";
import type { PipelineContext } from "@spine/platform";
import { definePipeline, findLatestCapture, openDerivedCapture, setCaptureRowCount } from "@spine/platform";
import { CALCULATIONS, otcCalculations } from "../calculations/calculation-versions.js";
import { recordCopiedSampleCheck } from "./support/copied-sample-check.js";
import type { PlainCopy } from "./support/copy-plain-rows.js";
import { copyPlainRows, dominantPublicationWeek } from "./support/copy-plain-rows.js";
import { missingInput } from "./support/missing-input.js";
import {
  judgedRowsFilter,
  metadataGroupsOf,
  removeCopiedRowsOfKeys,
  venueTotalsOf,
} from "./support/normalize-fast-path.js";
import type { JudgePartition, NormalizeTally } from "./support/normalize-rows.js";
import { createRowJudge, repeatedKey } from "./support/normalize-rows.js";
import { otcCaptures } from "./support/otc-captures.js";
import { otcDatabase } from "./support/otc-database.js";
import { rawRowPages, repeatedKeysOf } from "./support/raw-pages.js";
import { tierWeekKey, tierWeekParams } from "./support/tier-week-params.js";
import type { VerdictTarget } from "./support/venue-volume-writer.js";
import { writeVerdicts } from "./support/venue-volume-writer.js";

/** What the row judge decided about the rows the set-based copy could not take. */
interface JudgedRows {
  readonly rejected: number;
  readonly rejectsByCode: Readonly<Record<string, number>>;
  /** Copied rows removed again because their key repeats (the judge decides those). */
  readonly uncopied: number;
}

/**
 * Judges, in line order, every row the copy did not take: rows that are not plain, and every row
 * of a key that repeats (whose copied row is removed first, since which occurrence is kept depends
 * on the others). When every raw row was copied no key can repeat, and nothing is read.
 */
async function judgeRemainingRows(
  context: PipelineContext,
  work: {
    target: VerdictTarget;
    partition: JudgePartition;
    copy: PlainCopy;
    rawRows: number;
    sourceFile: string | null;
  },
): Promise<JudgedRows> {
  const tally: NormalizeTally = {
    rowsRead: work.copy.copied,
    accepted: 0,
    rejected: 0,
    acceptedShareVolume: 0,
    acceptedTradeCount: 0,
    rejectsByCode: {},
  };
  if (work.copy.copied === work.rawRows) return { rejected: 0, rejectsByCode: {}, uncopied: 0 };
  const db = otcDatabase(context.scope);
  const repeatedKeys = await repeatedKeysOf(db, work.target.inputCaptureId);
  const uncopied = await removeCopiedRowsOfKeys(context.scope, work.target.captureId, repeatedKeys);
  tally.rowsRead -= uncopied;
  const judge = createRowJudge(
    work.partition,
    tally,
    work.sourceFile,
    new Set(repeatedKeys.map(([symbol, mpid]) => repeatedKey(symbol, mpid))),
  );
  const filter = judgedRowsFilter(work.copy.plain, repeatedKeys);
  for await (const page of rawRowPages(db, work.target.inputCaptureId, filter)) {
    await writeVerdicts(context, work.target, judge(page));
    context.progress({
      completed: tally.rowsRead,
      total: work.rawRows,
      unit: "rows",
      message: "normalizing",
    });
  }
  return { rejected: tally.rejected, rejectsByCode: tally.rejectsByCode, uncopied };
}

async function recordChecks(
  context: PipelineContext,
  counts: {
    rawRows: number;
    accepted: number;
    rejected: number;
    rejectsByCode: Readonly<Record<string, number>>;
  },
): Promise<void> {
  const { rawRows, accepted, rejected } = counts;
  await context.quality.record({
    checkName: "normalize.rows_accounted",
    severity: "critical",
    status: accepted + rejected === rawRows ? "pass" : "fail",
    message: `rows read ${rawRows} = accepted ${accepted} + rejected ${rejected}`,
    actual: accepted + rejected,
    expectedValue: rawRows,
  });
  const duplicates = counts.rejectsByCode.DUPLICATE_KEY ?? 0;
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
  calculations: otcCalculations.select(["venue_volume"]),
  params: tierWeekParams,
  stage: { domain: "otc", stage: "normalize", partition: (params) => ({ key: tierWeekKey(params) }) },
  run: async (context, params) => {
    const tier: Tier = params.tier;
    const input = await findLatestCapture(context.scope, otcCaptures, {
      partition: tierWeekKey(params),
      stage: "ingest",
    });
    if (!input) throw missingInput("normalize", tier, params.week_ending, "ingest");
    const computedAt = context.now().toISOString();
    const captureId = await openDerivedCapture(context, otcCaptures, input, {
      stage: "normalize",
      variant: "default",
      createdAt: computedAt,
      calculation: CALCULATIONS.venueVolume,
    });
    const groups = await metadataGroupsOf(context.scope, {
      captureId: input.capture_id,
      rowCount: Number(input.row_count),
    });
    const rawRows = groups.reduce((sum, group) => sum + group.rows, 0);
    const partition: JudgePartition = {
      tier,
      weekEnding: params.week_ending,
      dominantPublicationWeek: dominantPublicationWeek(groups, tier),
      placedByDates: JSON.parse(input.details ?? "{}").dates_place_week === true,
    };
    const target = { captureId, inputCaptureId: input.capture_id };
    const copy = await copyPlainRows(context, target, partition, groups);
    const judged = await judgeRemainingRows(context, {
      target,
      partition,
      copy,
      rawRows,
      sourceFile: input.source_file,
    });
    const accepted = await venueTotalsOf(context.scope, captureId);
    await setCaptureRowCount(context.scope, captureId, accepted.rows);
    await recordChecks(context, { rawRows, accepted: accepted.rows, ...judged });
    await recordCopiedSampleCheck(context, target);
    return {
      rowCount: accepted.rows,
      metrics: {
        capture_id: captureId,
        input_capture_id: input.capture_id,
        rows_read: rawRows,
        rows_accepted: accepted.rows,
        rows_rejected: judged.rejected,
        rows_copied_set_based: copy.copied - judged.uncopied,
        rejects_by_code: judged.rejectsByCode,
        accepted_share_volume: accepted.shareVolume,
        accepted_trade_count: accepted.tradeCount,
      },
    };
  },
});
