import { z } from "zod";
import { canonicalJson } from "../database/canonical-json.js";
import type { CaptureRow } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import { defineQuery } from "../pipeline/define-domain.js";
import { assertRawRowsPresent } from "../retention/archived-capture-guard.js";
import { rawReleaseOf, readWithReleasedRows } from "../retention/raw-release.js";
import { asOfParam } from "./as-of.js";
import type { CapturedTableDefinition, CapturesDefinition } from "./define-captures.js";
import { findCapture } from "./find-capture.js";

/**
 * Columns that say which run wrote a row, not what it holds: two captures of the same inputs and
 * calculation version differ only there. A table may name more (CapturedTableDefinition.auditColumns).
 */
export const defaultAuditColumns = [
  "capture_id",
  "computed_at",
  "created_at",
  "ingested_at",
  "execution_id",
  "batch_id",
] as const;

/** One difference between two captures' rows of a table. */
export interface CaptureDifference {
  readonly table: string;
  readonly difference: "only_in_a" | "only_in_b" | "changed";
  /** The row's key columns (canonical JSON), or the whole row for tables without declared keys. */
  readonly key: string;
  readonly column: string | null;
  readonly capture_a: unknown;
  readonly capture_b: unknown;
}

/** How two captures' rows of one table compare. */
export interface TableComparison {
  readonly table: string;
  readonly rows_a: number;
  readonly rows_b: number;
  readonly differences: readonly CaptureDifference[];
}

type Row = Record<string, unknown>;

// Numbers compare by value whatever the driver returned (PostgreSQL gives bigint as text).
function comparable(row: Row, table: CapturedTableDefinition): Row {
  const ignored = new Set<string>([...defaultAuditColumns, ...(table.auditColumns ?? [])]);
  const kept: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (ignored.has(column)) continue;
    kept[column] = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return kept;
}

function keyOf(row: Row, table: CapturedTableDefinition): string {
  const keys = table.keyColumns;
  return keys ? canonicalJson(keys.map((column) => row[column])) : canonicalJson(row);
}

async function rowsOf(scope: SqlScope, table: CapturedTableDefinition, captureId: string) {
  const rows = await scope.db
    .withTables<Record<string, { capture_id: string }>>()
    .selectFrom(table.comparedAs ?? table.name)
    .selectAll()
    .where("capture_id", "=", captureId)
    .execute();
  const keyed = new Map<string, Row[]>();
  for (const row of rows as Row[]) {
    const kept = comparable(row, table);
    const key = keyOf(kept, table);
    keyed.set(key, [...(keyed.get(key) ?? []), kept]);
  }
  return { count: rows.length, keyed };
}

function changedColumns(table: string, key: string, a: Row, b: Row): CaptureDifference[] {
  const columns = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return columns
    .filter((column) => canonicalJson(a[column] ?? null) !== canonicalJson(b[column] ?? null))
    .map((column) => ({
      table,
      difference: "changed" as const,
      key,
      column,
      capture_a: a[column] ?? null,
      capture_b: b[column] ?? null,
    }));
}

function compareKeyed(table: string, a: Map<string, Row[]>, b: Map<string, Row[]>): CaptureDifference[] {
  const differences: CaptureDifference[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [left, right] = [a.get(key) ?? [], b.get(key) ?? []];
    const paired = Math.min(left.length, right.length);
    for (let index = 0; index < paired; index += 1)
      differences.push(...changedColumns(table, key, left[index] ?? {}, right[index] ?? {}));
    for (const row of left.slice(paired))
      differences.push({
        table,
        difference: "only_in_a",
        key,
        column: null,
        capture_a: row,
        capture_b: null,
      });
    for (const row of right.slice(paired))
      differences.push({
        table,
        difference: "only_in_b",
        key,
        column: null,
        capture_a: null,
        capture_b: row,
      });
  }
  return differences;
}

/**
 * Compares two captures of the same stage row by row in every captured table, ignoring audit
 * columns (which run wrote a row): the backfill playbook's determinism check (same inputs and
 * calculation version give the same rows). Rows pair by the table's key columns when declared,
 * else by their whole content. Tables holding rows of neither capture are left out. Raw rows
 * released after normalize are rebuilt for the comparison only (readWithReleasedRows).
 */
export async function compareCaptures(
  scope: SqlScope,
  captures: CapturesDefinition,
  captureA: string,
  captureB: string,
): Promise<TableComparison[]> {
  const [a, b] = [await findCapture(scope, captures, captureA), await findCapture(scope, captures, captureB)];
  if (a.stage !== b.stage)
    throw new SpineError(
      "USAGE",
      `${captureA} is a ${a.stage} capture and ${captureB} a ${b.stage} one: compare captures of one stage.`,
    );
  const released: CaptureRow[] = [];
  for (const capture of [a, b])
    if (capture.archived_at === null && (await rawReleaseOf(scope, capture.capture_id)) !== null)
      released.push(capture);
  return readWithReleasedRows(scope, captures, released, async (reading) => {
    for (const capture of [a, b]) await assertRawRowsPresent(reading, capture.capture_id);
    const comparisons: TableComparison[] = [];
    for (const table of captures.tables) {
      const [left, right] = [await rowsOf(reading, table, captureA), await rowsOf(reading, table, captureB)];
      if (left.count === 0 && right.count === 0) continue;
      const differences = compareKeyed(table.name, left.keyed, right.keyed);
      comparisons.push({ table: table.name, rows_a: left.count, rows_b: right.count, differences });
    }
    return comparisons;
  });
}

// A whole row (only in one capture) prints as JSON; a column's value as itself.
const shown = (value: unknown) =>
  value !== null && typeof value === "object" ? canonicalJson(value) : value;

function assertKnowable(capture: CaptureRow, asOf: string): void {
  if ((capture.knowable_date ?? "") <= asOf) return;
  throw new SpineError(
    "VALIDATION",
    `Capture ${capture.capture_id} was not knowable on ${asOf} (knowable ${capture.knowable_date})`,
    { details: { capture_id: capture.capture_id, knowable_date: capture.knowable_date, as_of: asOf } },
  );
}

/**
 * `<domain>.compare_captures`: one row per table (rows in each capture, how many differ) or, with
 * `details`, one row per difference (table, kind, key, column, both values).
 */
export function createCompareCapturesQuery(captures: CapturesDefinition) {
  return defineQuery({
    name: `${captures.domain}.compare_captures`,
    description:
      "Compare two captures of one stage row by row, ignoring audit columns (capture id, run ids, timestamps): determinism and republication checks.",
    params: z.object({
      capture_a: z
        .string()
        .min(1)
        .describe(`the first capture id (list them with ${captures.domain}.captures)`),
      capture_b: z.string().min(1).describe("the second capture id"),
      details: z.boolean().default(false).describe("one row per difference instead of one per table"),
      as_of: asOfParam.describe(
        "refuse captures not knowable on this date (YYYY-MM-DD): compare only what was known then",
      ),
    }),
    run: async (context, params) => {
      if (params.as_of !== undefined)
        for (const id of [params.capture_a, params.capture_b])
          assertKnowable(await findCapture(context.scope, captures, id), params.as_of);
      const compared = await compareCaptures(context.scope, captures, params.capture_a, params.capture_b);
      if (params.details)
        return compared.flatMap((table) =>
          table.differences.map((difference) => ({
            ...difference,
            capture_a: shown(difference.capture_a),
            capture_b: shown(difference.capture_b),
          })),
        );
      return compared.map((table) => ({
        table: table.table,
        rows_a: table.rows_a,
        rows_b: table.rows_b,
        differences: table.differences.length,
        identical: table.differences.length === 0,
      }));
    },
  });
}
