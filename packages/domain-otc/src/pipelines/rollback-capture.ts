import type { Tier } from "@spine/finra";
import type { ExclusiveScope } from "@spine/platform";
import { closestNames, definePipeline, SpineError } from "@spine/platform";
import { z } from "zod";
import type { CaptureRow } from "../database/otc-tables.js";
import { otcStages } from "../otc-stages.js";
import type { CaptureStage } from "./support/captures.js";
import { findLatestCapture } from "./support/captures.js";
import type { OtcDatabase } from "./support/otc-database.js";
import { otcDatabase } from "./support/otc-database.js";

// Every table of data rows that hang off a capture through `on delete cascade` (counted in
// rows_removed). otc_raw_metadata, the capture's profile, cascades too but holds no data rows.
const CAPTURE_TABLES = [
  "otc_raw_rows",
  "otc_venue_volume_rows",
  "otc_symbol_summary",
  "otc_venue_share",
  "otc_symbol_concentration",
  "otc_liquidity_score",
  "otc_symbol_rolling",
  "otc_research_snapshot",
] as const;

const rollbackParams = z.object({
  capture_id: z
    .string()
    .min(1)
    .describe("the capture to remove, e.g. aggregate:otc:2025-10-03:2 (list them with otc.captures)"),
});

async function findCapture(db: OtcDatabase, captureId: string): Promise<CaptureRow> {
  const capture = await db
    .selectFrom("otc_captures")
    .selectAll()
    .where("capture_id", "=", captureId)
    .executeTakeFirst();
  if (capture) return capture;
  const known = await db.selectFrom("otc_captures").select("capture_id").execute();
  const suggestions = closestNames(
    captureId,
    known.map((row) => row.capture_id),
  );
  const hint =
    suggestions.length > 0
      ? `; did you mean ${suggestions.join(" or ")}?`
      : "; list captures with otc.captures";
  throw new SpineError("NOT_FOUND", `Capture ${captureId} does not exist${hint}`, {
    details: { capture_id: captureId, suggestions },
  });
}

async function countRowsByTable(db: OtcDatabase, captureId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CAPTURE_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((expression) => expression.fn.countAll<number | string>().as("rows"))
      .where("capture_id", "=", captureId)
      .executeTakeFirst();
    const rows = Number(row?.rows ?? 0);
    if (rows > 0) counts[table] = rows;
  }
  return counts;
}

async function isLatest(db: OtcDatabase, captureId: string): Promise<boolean> {
  const row = await db
    .selectFrom("otc_captures_latest")
    .select("capture_id")
    .where("capture_id", "=", captureId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every capture computed, directly or through others, from `captureId` (children before parents). */
async function descendantsOf(db: OtcDatabase, captureId: string): Promise<CaptureRow[]> {
  const found: CaptureRow[] = [];
  let frontier = [captureId];
  while (frontier.length > 0) {
    const children = await db
      .selectFrom("otc_captures")
      .selectAll()
      .where("input_capture_id", "in", frontier)
      .execute();
    found.push(...children);
    frontier = children.map((child) => child.capture_id);
  }
  return found.reverse();
}

async function countRowsOfAll(
  db: OtcDatabase,
  captures: readonly CaptureRow[],
): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const capture of captures) {
    for (const [table, rows] of Object.entries(await countRowsByTable(db, capture.capture_id))) {
      totals[table] = (totals[table] ?? 0) + rows;
    }
  }
  return totals;
}

// Removing captures that no `_latest` view shows makes nothing stale; removing a latest one makes
// its stage and every later stage of the partition stale.
async function staleStagesOf(db: OtcDatabase, removed: readonly CaptureRow[]): Promise<CaptureStage[]> {
  let earliest: CaptureStage | null = null;
  for (const capture of removed) {
    if (!otcStages.isStage(capture.stage) || !(await isLatest(db, capture.capture_id))) continue;
    if (earliest === null || otcStages.position(capture.stage) < otcStages.position(earliest))
      earliest = capture.stage;
  }
  return earliest === null ? [] : otcStages.stagesFrom(earliest);
}

/** Removes a capture and its descendants inside an exclusive transaction; returns what it did. */
async function removeCaptureTree(exclusive: ExclusiveScope, captureId: string) {
  const locked = otcDatabase(exclusive.scope);
  const capture = await findCapture(locked, captureId);
  const removed = [...(await descendantsOf(locked, capture.capture_id)), capture];
  const rowsRemoved = await countRowsOfAll(locked, removed);
  const staleStages = await staleStagesOf(locked, removed);
  const wasLatest = await isLatest(locked, capture.capture_id);
  const invalidated = staleStages.length > 0 ? await exclusive.invalidate(staleStages) : [];
  const ids = removed.map((row) => row.capture_id);
  await locked.deleteFrom("otc_captures").where("capture_id", "in", ids).execute();
  return { capture, wasLatest, removed, rowsRemoved, staleStages, invalidated };
}

/**
 * Removes one capture, every capture derived from it (a rolled-back revision must not keep feeding
 * the aggregates computed from it) and their rows, so the `_latest` views fall back to the previous
 * captures. It holds the week's stage lock and runs in one transaction; later weeks whose rolling
 * windows contained the removed aggregate are marked stale afterwards.
 */
export const rollbackCapturePipeline = definePipeline({
  name: "otc.rollback_capture",
  description:
    "Remove a capture, the captures derived from it and their rows; the previous captures become latest and the stages re-run.",
  params: rollbackParams,
  run: async (context, params) => {
    const db = otcDatabase(context.scope);
    const found = await findCapture(db, params.capture_id);
    const partition = { tier: found.tier, week_ending: found.week_ending };
    // Under the partition's stage lock and in one transaction: a stage running on this week can
    // neither read half-removed captures nor write a manifest entry for data that is gone.
    const { capture, wasLatest, removed, rowsRemoved, staleStages, invalidated } = await context.exclusive(
      { domain: "otc", partition },
      (exclusive) => removeCaptureTree(exclusive, params.capture_id),
    );
    // Captures are only ever written with a parsed Tier and a CaptureStage.
    const tier = capture.tier as Tier;
    // The week's aggregate sits in later weeks' rolling windows: they are stale once it changes.
    const laterWindows = await context.invalidateLaterWindows({
      domain: "otc",
      partition,
      stages: staleStages,
    });
    const nowLatest = await findLatestCapture(
      db,
      tier,
      capture.week_ending,
      capture.stage as CaptureStage,
      capture.variant,
    );
    const rowCount = Object.values(rowsRemoved).reduce((sum, rows) => sum + rows, 0);
    const derivedCaptureIds = removed.slice(0, -1).map((row) => row.capture_id);
    context.logger.info("capture rolled back", {
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
        tier: capture.tier,
        week_ending: capture.week_ending,
        stage: capture.stage,
        variant: capture.variant,
        was_latest: wasLatest,
        rows_removed: rowsRemoved,
        latest_capture_id: nowLatest?.capture_id ?? null,
        invalidated_stages: invalidated,
      },
    };
  },
});
