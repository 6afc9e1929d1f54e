import { z } from "zod";
import type { CaptureRow } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import type { Logger } from "../logging/logger.js";
import { definePipeline } from "../pipeline/define-pipeline.js";
import type { ExclusiveScope, PartitionKey, PipelineOutcome } from "../pipeline/pipeline-types.js";
import { rawReleaseOf } from "../retention/raw-release.js";
import { forgetUnneededSources } from "../sources/stored-source.js";
import { countCaptureRows } from "./count-capture-rows.js";
import type { CapturesDefinition } from "./define-captures.js";
import { findCapture, findLatestCapture, partitionOfCapture } from "./find-capture.js";

/** How a domain names and extends its rollback pipeline. */
export interface RollbackOptions {
  /** e.g. `otc.rollback_capture`. */
  readonly name: string;
  /** An id shown in the parameter's help, e.g. `aggregate:otc:2025-10-03:2`. */
  readonly exampleCaptureId: string;
}

async function countRowsOf(
  scope: SqlScope,
  captures: CapturesDefinition,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of captures.tables) {
    if (table.countRows === false) continue;
    const rows = await countCaptureRows(scope, table.name, ids);
    if (rows > 0) counts[table.name] = rows;
  }
  for (const id of ids)
    for (const [table, rows] of Object.entries((await rawReleaseOf(scope, id)) ?? {}))
      counts[table] = (counts[table] ?? 0) + rows;
  return counts;
}

async function isLatest(scope: SqlScope, captureId: string): Promise<boolean> {
  const row = await scope.db
    .selectFrom("core_captures_latest")
    .select("capture_id")
    .where("capture_id", "=", captureId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Every capture computed, directly or through others, from `captureId`, whichever input it was
 * (a later week's rolling window reads this week too): children before parents.
 */
async function descendantsOf(scope: SqlScope, captureId: string): Promise<CaptureRow[]> {
  const found = new Map<string, CaptureRow>();
  let frontier = [captureId];
  while (frontier.length > 0) {
    const children = await scope.db
      .selectFrom("core_captures")
      .selectAll()
      .where((where) =>
        where.or([
          where("input_capture_id", "in", frontier),
          where(
            "capture_id",
            "in",
            scope.db
              .selectFrom("core_capture_inputs")
              .select("capture_id")
              .where("input_capture_id", "in", frontier),
          ),
        ]),
      )
      .execute();
    const fresh = children.filter((child) => !found.has(child.capture_id));
    for (const child of fresh) found.set(child.capture_id, child);
    frontier = fresh.map((child) => child.capture_id);
  }
  return [...found.values()].reverse();
}

// Removing captures that no `_latest` view shows makes nothing stale; removing a latest one makes
// its stage and every later stage of the partition stale.
async function staleStagesOf(
  scope: SqlScope,
  captures: CapturesDefinition,
  removed: readonly CaptureRow[],
): Promise<string[]> {
  const { graph } = captures;
  let earliest: string | null = null;
  for (const capture of removed) {
    if (!graph.isStage(capture.stage) || !(await isLatest(scope, capture.capture_id))) continue;
    if (earliest === null || graph.position(capture.stage) < graph.position(earliest))
      earliest = capture.stage;
  }
  return earliest === null ? [] : graph.stagesFrom(earliest);
}

// A released capture's rows count as removed too: its stored source goes when no raw capture left
// needs it.
async function deleteCaptures(scope: SqlScope, captures: CapturesDefinition, removed: readonly CaptureRow[]) {
  const ids = removed.map((row) => row.capture_id);
  const db = scope.db.withTables<Record<string, { capture_id: string }>>();
  for (const table of captures.tables)
    await db.deleteFrom(table.name).where("capture_id", "in", ids).execute();
  await scope.db.deleteFrom("core_raw_releases").where("capture_id", "in", ids).execute();
  await scope.db.deleteFrom("core_capture_inputs").where("capture_id", "in", ids).execute();
  await scope.db.deleteFrom("core_captures").where("capture_id", "in", ids).execute();
  await forgetUnneededSources(
    scope,
    removed.map((row) => row.source_sha256),
  );
}

/** What {@link removeCaptureTree} removed and marked stale. */
interface CaptureTreeRemoval {
  readonly capture: CaptureRow;
  readonly wasLatest: boolean;
  /** The derived captures, children first, then the capture itself. */
  readonly removed: readonly CaptureRow[];
  readonly rowsRemoved: Record<string, number>;
  readonly staleStages: string[];
  readonly invalidated: string[];
}

/** Removes a capture and its descendants inside an exclusive transaction; returns what it did. */
async function removeCaptureTree(
  exclusive: ExclusiveScope,
  captures: CapturesDefinition,
  captureId: string,
): Promise<CaptureTreeRemoval> {
  const scope = exclusive.scope;
  const capture = await findCapture(scope, captures, captureId);
  const removed = [...(await descendantsOf(scope, capture.capture_id)), capture];
  const ids = removed.map((row) => row.capture_id);
  const rowsRemoved = await countRowsOf(scope, captures, ids);
  const staleStages = await staleStagesOf(scope, captures, removed);
  const wasLatest = await isLatest(scope, capture.capture_id);
  const invalidated =
    staleStages.length > 0
      ? await exclusive.invalidate(staleStages, `capture ${capture.capture_id} was rolled back`)
      : [];
  await deleteCaptures(scope, captures, removed);
  return { capture, wasLatest, removed, rowsRemoved, staleStages, invalidated };
}

/** Logs a finished rollback and returns its outcome. */
function reportRollback(
  logger: Logger,
  removal: CaptureTreeRemoval,
  partition: PartitionKey,
  laterWindows: number,
  nowLatest: CaptureRow | null,
): PipelineOutcome {
  const { capture, wasLatest, removed, rowsRemoved, invalidated } = removal;
  const rowCount = Object.values(rowsRemoved).reduce((sum, rows) => sum + rows, 0);
  const derivedCaptureIds = removed.slice(0, -1).map((row) => row.capture_id);
  logger.info("capture rolled back", {
    capture_id: capture.capture_id,
    derived: derivedCaptureIds,
    rows: rowCount,
    invalidated,
  });
  return {
    rowCount,
    metrics: {
      capture_id: capture.capture_id,
      derived_captures_removed: derivedCaptureIds.length,
      rows_removed: rowCount,
      invalidated_stages: invalidated,
      invalidated_later_windows: laterWindows,
    },
    output: {
      removed_capture_id: capture.capture_id,
      removed_derived_capture_ids: derivedCaptureIds,
      ...partition,
      stage: capture.stage,
      variant: capture.variant,
      was_latest: wasLatest,
      rows_removed: rowsRemoved,
      latest_capture_id: nowLatest?.capture_id ?? null,
      invalidated_stages: invalidated,
    },
  };
}

/**
 * The rollback pipeline of a domain's captures: removes one capture, every capture derived from it,
 * windows included (a rolled-back revision must not keep feeding what was computed from it) and their rows from
 * every declared table, so the `_latest` views fall back to the previous captures. It holds the
 * partition's stage lock and runs in one transaction; the removed stages become stale, and so do
 * the window stages of later partitions that read them (the stage graph's window dependencies).
 */
export function createRollbackPipeline(captures: CapturesDefinition, options: RollbackOptions) {
  return definePipeline({
    name: options.name,
    description:
      "Remove a capture, the captures derived from it and their rows; the previous captures become latest and the stages re-run.",
    params: z.object({
      capture_id: z
        .string()
        .min(1)
        .describe(
          `the capture to remove, e.g. ${options.exampleCaptureId} (list them with ${captures.domain}.captures)`,
        ),
    }),
    run: async (context, params) => {
      const partition = partitionOfCapture(await findCapture(context.scope, captures, params.capture_id));
      // Under the partition's stage lock and in one transaction: a stage running on it can neither
      // read half-removed captures nor write a manifest entry for data that is gone.
      const removal = await context.exclusive({ domain: captures.domain, partition }, (exclusive) =>
        removeCaptureTree(exclusive, captures, params.capture_id),
      );
      const { capture, staleStages } = removal;
      // A removed stage's data sits in later partitions' windows: those window stages are stale too.
      const laterWindows = await context.invalidateLaterWindows({
        domain: captures.domain,
        partition,
        stages: staleStages,
        reason: `capture ${capture.capture_id} was rolled back`,
      });
      const nowLatest = await findLatestCapture(context.scope, captures, {
        partition,
        stage: capture.stage,
        variant: capture.variant,
      });
      return reportRollback(context.logger, removal, partition, laterWindows, nowLatest);
    },
  });
}
