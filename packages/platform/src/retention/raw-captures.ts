import { countCaptureRows } from "../captures/count-capture-rows.js";
import type { CapturedTableDefinition, CapturesDefinition } from "../captures/define-captures.js";
import type { CaptureRow } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import type { DomainDefinition } from "../pipeline/define-domain.js";

/** A capture with rows in raw tables, and how many in each. */
export interface RawCapture {
  readonly captures: CapturesDefinition;
  readonly capture: CaptureRow;
  readonly tables: readonly { readonly table: CapturedTableDefinition; readonly rowCount: number }[];
}

/** The domains' captures that declare raw tables (see CapturedTableDefinition.raw). */
export function capturesWithRawTables(domains: readonly DomainDefinition[]): CapturesDefinition[] {
  return domains.flatMap((domain) =>
    domain.captures?.tables.some((table) => table.raw) ? [domain.captures] : [],
  );
}

/** How many rows of a capture each raw table holds; tables without any are left out. */
export async function countRawRows(
  scope: SqlScope,
  captures: CapturesDefinition,
  captureId: string,
): Promise<RawCapture["tables"]> {
  const counted = [];
  for (const table of captures.tables.filter((candidate) => candidate.raw)) {
    const rowCount = await countCaptureRows(scope, table.name, [captureId]);
    if (rowCount > 0) counted.push({ table, rowCount });
  }
  return counted;
}

/** The value of the partition's order field (a week, say) in a capture's partition key. */
export function orderValueOf(captures: CapturesDefinition, capture: Pick<CaptureRow, "partition_key">) {
  const key = JSON.parse(capture.partition_key) as Record<string, unknown>;
  return String(key[captures.graph.partition.order.field] ?? "");
}

/**
 * The captures of a domain that may hold raw rows, archived or not, whose partition comes before
 * `before` in the order field (ISO dates compare as text), oldest first. Raw rows are loaded from a
 * source file, so their capture read no other capture: derived captures are left out unread.
 */
export async function capturesBefore(
  scope: SqlScope,
  captures: CapturesDefinition,
  before: string,
): Promise<CaptureRow[]> {
  const rows = await scope.db
    .selectFrom("core_captures")
    .selectAll()
    .where("domain", "=", captures.domain)
    .where("input_capture_id", "is", null)
    .orderBy("partition_key")
    .orderBy("capture_id")
    .execute();
  return rows.filter((row) => orderValueOf(captures, row) < before);
}
