import type { PipelineContext, RawBuilder } from "@spine/platform";
import { impliedWeekOfRow } from "../../models/implied-week.js";
import type { Tier } from "../../models/tier.js";
import type { FastPath, MetadataGroup } from "./normalize-fast-path.js";
import { createFastPath, insertPlainRows } from "./normalize-fast-path.js";
import type { JudgePartition, NormalizeTally } from "./normalize-rows.js";
import { createMetadataJudge } from "./normalize-rows.js";
import type { VerdictTarget } from "./venue-volume-writer.js";

/** The week most of the file's rows without a week column point to (ties: the later date). */
export function dominantPublicationWeek(groups: readonly MetadataGroup[], tier: Tier): string | null {
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
export async function copyPlainRows(
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
  const inserted = await insertPlainRows(context.scope, fastPath, target);
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
