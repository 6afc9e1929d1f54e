import type { Tier } from "@spine/finra";
import type { PipelineContext } from "@spine/platform";
import {
  captureTotals,
  copyThenJudge,
  definePipeline,
  findLatestCapture,
  metadataGroupsOf,
  openDerivedCapture,
  recordCountCheck,
  releaseRawRows,
  setCaptureRowCount,
} from "@spine/platform";
import { CALCULATIONS, otcCalculations } from "../calculations/calculation-versions.js";
import { recordCopiedSampleCheck } from "./support/copied-sample-check.js";
import { missingInput } from "./support/missing-input.js";
import type { JudgePartition, NormalizeTally } from "./support/normalize-rows.js";
import {
  createMetadataJudge,
  createRowJudge,
  dominantPublicationWeek,
  repeatedKey,
} from "./support/normalize-rows.js";
import type { NormalizeSourceRow } from "./support/normalize-source-row.js";
import { otcCaptures } from "./support/otc-captures.js";
import type { RawMetadataColumn } from "./support/otc-plain-copy.js";
import { otcPlainCopy } from "./support/otc-plain-copy.js";
import { tierWeekKey, tierWeekParams } from "./support/tier-week-params.js";
import type { VerdictTarget } from "./support/venue-volume-writer.js";
import { writeVerdicts } from "./support/venue-volume-writer.js";

/**
 * Copies the plain rows set-based, then judges, in line order, every other row and every row of a
 * repeated key (see copyThenJudge). Returns the judge's tally and how many rows the copy kept.
 */
async function normalizeRows(
  context: PipelineContext,
  work: { target: VerdictTarget; partition: JudgePartition; sourceFile: string | null; rowCount: number },
) {
  const groups = await metadataGroupsOf(context.scope, otcPlainCopy, {
    captureId: work.target.inputCaptureId,
    rowCount: work.rowCount,
  });
  const rawRows = groups.reduce((sum, group) => sum + group.rows, 0);
  const partition = {
    ...work.partition,
    dominantPublicationWeek: dominantPublicationWeek(groups, work.partition.tier),
  };
  const tally: NormalizeTally = {
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    acceptedShareVolume: 0,
    acceptedTradeCount: 0,
    rejectsByCode: {},
  };
  const copy = await copyThenJudge<NormalizeSourceRow, RawMetadataColumn>(context.scope, otcPlainCopy, {
    ...work.target,
    groups,
    acceptsMetadata: createMetadataJudge(partition),
    startJudging: ({ copied, repeatedKeys }) => {
      tally.rowsRead = copied;
      const repeated = new Set(repeatedKeys.map(([symbol, mpid]) => repeatedKey(symbol ?? "", mpid ?? "")));
      const judge = createRowJudge(partition, tally, work.sourceFile, repeated);
      return async (page) => {
        await writeVerdicts(context, work.target, judge(page));
        context.progress({ completed: tally.rowsRead, total: rawRows, unit: "rows", message: "normalizing" });
      };
    },
  });
  return { tally, copied: copy.copied, rawRows: copy.rawRows };
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
  await recordCountCheck(context.quality, {
    checkName: "normalize.rows_accounted",
    critical: true,
    actual: accepted + rejected,
    expected: rawRows,
    message: `rows read ${rawRows} = accepted ${accepted} + rejected ${rejected}`,
  });
  const duplicates = counts.rejectsByCode.DUPLICATE_KEY ?? 0;
  await recordCountCheck(context.quality, {
    checkName: "normalize.duplicate_keys",
    mismatch: "warn",
    actual: duplicates,
    expected: 0,
    message: `${duplicates} duplicate (symbol, mpid) rows rejected`,
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
    const target = { captureId, inputCaptureId: input.capture_id };
    const { tally, copied, rawRows } = await normalizeRows(context, {
      target,
      partition: {
        tier,
        weekEnding: params.week_ending,
        dominantPublicationWeek: null,
        placedByDates: JSON.parse(input.details ?? "{}").dates_place_week === true,
      },
      sourceFile: input.source_file,
      rowCount: Number(input.row_count),
    });
    const accepted = await captureTotals(context.scope, "otc_venue_volume_rows", captureId, {
      sum: ["share_volume", "trade_count"],
    });
    await setCaptureRowCount(context.scope, captureId, accepted.rows);
    await recordChecks(context, { ...tally, rawRows, accepted: accepted.rows });
    await recordCopiedSampleCheck(context, target);
    // Read for the last time: the rows leave otc_raw_rows, rebuilt from the stored file on demand.
    await releaseRawRows(context.scope, otcCaptures, input, computedAt);
    return {
      rowCount: accepted.rows,
      metrics: {
        capture_id: captureId,
        input_capture_id: input.capture_id,
        rows_read: rawRows,
        rows_accepted: accepted.rows,
        rows_rejected: tally.rejected,
        rows_copied_set_based: copied,
        rejects_by_code: tally.rejectsByCode,
        accepted_share_volume: accepted.share_volume,
        accepted_trade_count: accepted.trade_count,
      },
    };
  },
});
