import type { Tier } from "@spine/finra";
import { impliedWeekOfRow } from "@spine/finra";
import type { PipelineContext, RawBuilder } from "@spine/platform";
import type { MetadataGroup } from "./normalize-fast-path.js";
import { insertPlainRows, plainRowPredicate } from "./normalize-fast-path.js";
import type { JudgePartition } from "./normalize-rows.js";
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

// Bounds the SQL text: rows of further combinations are judged row by row.
const maxAcceptedMetadata = 50;

function compareMetadata(a: MetadataGroup, b: MetadataGroup): number {
  const key = (group: MetadataGroup) =>
    JSON.stringify([group.tier_text, group.week_text, group.last_update_date, group.summary_type_code]);
  const [left, right] = [key(a), key(b)];
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The plain-row predicate used, and how many rows it copied. */
export interface PlainCopy {
  readonly plain: RawBuilder<unknown> | null;
  readonly copied: number;
}

/** Copies the plain rows of the raw capture set-based (see normalize-fast-path.ts). */
export async function copyPlainRows(
  context: PipelineContext,
  target: VerdictTarget,
  partition: JudgePartition,
  groups: readonly MetadataGroup[],
): Promise<PlainCopy> {
  const acceptsMetadata = createMetadataJudge(partition);
  const accepted = groups
    .filter((group) => acceptsMetadata(group))
    // Ties broken by the metadata itself, so both backends copy the same combinations.
    .sort((a, b) => b.rows - a.rows || compareMetadata(a, b))
    .slice(0, maxAcceptedMetadata);
  const everyRowClean = groups.every((group) => group.cleanRows === group.rows);
  const plain = plainRowPredicate(
    context.scope.sql,
    accepted,
    accepted.length === groups.length,
    everyRowClean,
  );
  if (plain === null) return { plain, copied: 0 };
  return { plain, copied: await insertPlainRows(context.scope, plain, target) };
}
