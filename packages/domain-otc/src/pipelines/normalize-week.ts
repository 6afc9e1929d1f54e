import type { PipelineContext, RawBuilder } from "@spine/platform";
import { definePipeline, sql } from "@spine/platform";
import { CALCULATIONS } from "../calculations/calculation-versions.js";
import { impliedWeekOfRow } from "../models/implied-week.js";
import type { Tier } from "../models/tier.js";
import { createCapture, findLatestCapture, setCaptureRowCount } from "./support/captures.js";
import { derivedCaptureDetails } from "./support/derived-capture.js";
import { missingInput } from "./support/missing-input.js";
import type { FastPath, MetadataGroup } from "./support/normalize-fast-path.js";
import {
  createFastPath,
  insertPlainRows,
  metadataGroupsOf,
  plainRowLevel,
} from "./support/normalize-fast-path.js";
import type { JudgePartition, NormalizeTally, PageVerdicts } from "./support/normalize-rows.js";
import { createMetadataJudge, createRowJudge, repeatedKey } from "./support/normalize-rows.js";
import { otcDatabase } from "./support/otc-database.js";
import { rawLinesOf, rawRowPages, repeatedKeysOf } from "./support/raw-pages.js";
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

async function recordChecks(context: PipelineContext, tally: NormalizeTally, rawRows: number): Promise<void> {
  const accounted = tally.accepted + tally.rejected === rawRows;
  await context.quality.record({
    checkName: "normalize.rows_accounted",
    severity: "critical",
    status: accounted ? "pass" : "fail",
    message: `rows read ${rawRows} = accepted ${tally.accepted} + rejected ${tally.rejected}`,
    actual: tally.accepted + tally.rejected,
    expectedValue: rawRows,
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

// The week most of the file's rows without a week column point to (ties: the later date).
function dominantPublicationWeek(groups: readonly MetadataGroup[], tier: Tier): string | null {
  const rowsByDate = new Map<string, number>();
  for (const group of groups) {
    if (group.week_text !== null || group.last_update_date === null) continue;
    rowsByDate.set(group.last_update_date, (rowsByDate.get(group.last_update_date) ?? 0) + group.rows);
  }
  const [dominant] = [...rowsByDate].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))[0] ?? [];
  if (dominant === undefined) return null;
  const publication = impliedWeekOfRow({ weekText: null, lastUpdateDate: dominant }, tier);
  return publication.ok ? publication.value.weekEnding : null;
}

// Bounds the SQL text: a file with more combinations than this judges the rest row by row.
const maxAcceptedMetadata = 50;

/**
 * Copies the plain rows set-based and returns the predicate that selects every other row for the
 * row judge; null when no row is plain. Adds the plain rows to the tally.
 */
async function copyPlainRows(
  context: PipelineContext,
  target: VerdictTarget,
  plan: { partition: JudgePartition; groups: readonly MetadataGroup[]; rowLevel: RawBuilder<unknown> | null },
  tally: NormalizeTally,
): Promise<{ fastPath: FastPath | null; copied: number }> {
  const acceptsMetadata = createMetadataJudge(plan.partition);
  const accepted = plan.groups
    .filter((group) => group.plainRows > 0 && acceptsMetadata(group))
    .sort((a, b) => b.plainRows - a.plainRows)
    .slice(0, maxAcceptedMetadata);
  const fastPath = createFastPath(context.scope.dialect, plan.rowLevel, accepted);
  if (fastPath === null) return { fastPath, copied: 0 };
  const inserted = await insertPlainRows(context.scope, fastPath, {
    ...target,
    executionId: context.executionId,
  });
  const expected = accepted.reduce((sum, group) => sum + group.plainRows, 0);
  // The insert and the count read the same rows through the same predicate; a difference is a bug.
  if (inserted !== expected) throw new Error(`normalize copied ${inserted} plain rows, expected ${expected}`);
  tally.rowsRead += inserted;
  tally.accepted += inserted;
  for (const group of accepted) {
    tally.acceptedShareVolume += group.plainShareVolume;
    tally.acceptedTradeCount += group.plainTradeCount;
  }
  return { fastPath, copied: inserted };
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
    const repeatedKeys = await repeatedKeysOf(db, input.capture_id);
    const rowLevel = plainRowLevel(context.scope.dialect, repeatedKeys);
    const groups = await metadataGroupsOf(context.scope, input.capture_id, rowLevel);
    const rawRows = groups.reduce((sum, group) => sum + group.rows, 0);
    const partition: JudgePartition = {
      tier,
      weekEnding: params.week_ending,
      dominantPublicationWeek: dominantPublicationWeek(groups, tier),
    };
    const target = {
      captureId,
      inputCaptureId: input.capture_id,
      tier,
      weekEnding: params.week_ending,
      computedAt,
    };
    const { fastPath, copied } = await copyPlainRows(context, target, { partition, groups, rowLevel }, tally);
    const judge = createRowJudge(
      partition,
      tally,
      input.source_file,
      new Set(repeatedKeys.map(([symbol, mpid]) => repeatedKey(symbol, mpid))),
    );
    const judged = fastPath ? sql`not ${fastPath.plain}` : undefined;
    for await (const page of rawRowPages(db, input.capture_id, judged)) {
      await writeVerdicts(context, target, judge(page));
      context.progress({ completed: tally.rowsRead, total: rawRows, unit: "rows", message: "normalizing" });
    }
    await setCaptureRowCount(db, captureId, tally.accepted);
    await recordChecks(context, tally, rawRows);
    return {
      rowCount: tally.accepted,
      metrics: {
        capture_id: captureId,
        input_capture_id: input.capture_id,
        rows_read: tally.rowsRead,
        rows_accepted: tally.accepted,
        rows_rejected: tally.rejected,
        rows_copied_set_based: copied,
        rejects_by_code: tally.rejectsByCode,
        accepted_share_volume: tally.acceptedShareVolume,
        accepted_trade_count: tally.acceptedTradeCount,
      },
    };
  },
});
