import type { SpineDatabase } from "@spine/platform";
import { sql, summarizeTables } from "@spine/platform";

type Row = Record<string, unknown>;

// Identity of a run, not of the data: differs between any two backfills, even on one backend.
const volatileColumn = /(^id$|_at$|^execution_id$|^batch_id$)/;

/** Every row of `table` without run-identity columns, in a backend-independent order. */
export async function readComparable(
  database: SpineDatabase,
  table: string,
  ignored: readonly string[] = [],
): Promise<Row[]> {
  const result = await sql<Row>`select * from ${sql.table(table)}`.execute(database.db);
  const rows = result.rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).filter(([column]) => !volatileColumn.test(column) && !ignored.includes(column)),
    ),
  );
  // Floats rounded for ordering only, so a last-bit difference cannot reorder otherwise equal rows.
  const sortKey = (row: Row) =>
    JSON.stringify(
      Object.values(row).map((value) => (typeof value === "number" ? Number(value.toPrecision(9)) : value)),
    );
  const keyed = rows.map((row) => ({ row, key: sortKey(row) }));
  keyed.sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0));
  return keyed.map((entry) => entry.row);
}

/** The tables and views of `database` whose names start with one of `prefixes`. */
export async function listRelations(database: SpineDatabase, prefixes: readonly string[]): Promise<string[]> {
  const tables = await summarizeTables(database);
  return tables
    .map((table) => table.name)
    .filter((name) => prefixes.some((prefix) => name.startsWith(prefix)));
}

// Quality checks store measured values as text ("0.9999999999999998"): compare those as numbers.
const asNumber = (value: unknown): unknown =>
  typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value;

function sameValue(rawLeft: unknown, rawRight: unknown, tolerance: number): boolean {
  const left = asNumber(rawLeft);
  const right = asNumber(rawRight);
  if (typeof left === "number" && typeof right === "number") {
    if (Number.isInteger(left) && Number.isInteger(right)) return left === right;
    return Math.abs(left - right) <= tolerance * Math.max(1, Math.abs(left), Math.abs(right));
  }
  return left === right;
}

/** The first difference between two row lists, described for a failure message; null if equal. */
export function firstDifference(
  left: readonly Row[],
  right: readonly Row[],
  tolerance: number,
): string | null {
  if (left.length !== right.length) return `${left.length} rows vs ${right.length} rows`;
  for (const [index, leftRow] of left.entries()) {
    const rightRow = right[index] ?? {};
    const columns = new Set([...Object.keys(leftRow), ...Object.keys(rightRow)]);
    for (const column of columns) {
      if (!sameValue(leftRow[column], rightRow[column], tolerance)) {
        return `row ${index} column ${column}: ${JSON.stringify(leftRow[column])} vs ${JSON.stringify(rightRow[column])}\n  ${JSON.stringify(leftRow)}\n  ${JSON.stringify(rightRow)}`;
      }
    }
  }
  return null;
}
