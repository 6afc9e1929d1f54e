import type { SqlScope } from "../database/spine-database.js";

/** One combination of a {@link ValueProfile}: its values under their column names, and its counts. */
export type ValueProfileEntry<Column extends string> = Record<Column, string | null> & {
  row_count: number;
  clean_row_count: number;
};

/** Counts rows per combination of a few text values while ingest streams (see {@link createValueProfile}). */
export interface ValueProfile<Column extends string> {
  /** The profiled columns, in the order `add` takes their values. */
  readonly columns: readonly Column[];
  /** Counts one row carrying `values` (in `columns` order); `clean` when it passed the caller's row tests. */
  add(values: readonly (string | null)[], clean: boolean): void;
  /** Counts `rows` rows of one combination at once, `cleanRows` of them clean. */
  addRows(values: readonly (string | null)[], rows: number, cleanRows: number): void;
  /** The combinations in order of first appearance. */
  entries(): ValueProfileEntry<Column>[];
}

interface Counter {
  readonly values: readonly (string | null)[];
  rows: number;
  cleanRows: number;
}

function sameValues(counter: Counter | null, values: readonly (string | null)[]): boolean {
  if (counter === null) return false;
  for (let index = 0; index < values.length; index += 1) {
    if (counter.values[index] !== values[index]) return false;
  }
  return true;
}

/**
 * A streaming profile of the combinations of a few per-file text columns (a file has a handful, not
 * a million), with how many rows of each were clean: what a set-based normalize needs to decide
 * its plain rows without scanning the raw table (see createPlainRowCopy). Consecutive rows almost
 * always repeat the previous combination, which is then counted without building a key.
 */
export function createValueProfile<Column extends string>(columns: readonly Column[]): ValueProfile<Column> {
  const byKey = new Map<string, Counter>();
  let current: Counter | null = null;
  const addRows: ValueProfile<Column>["addRows"] = (values, rows, cleanRows) => {
    if (!sameValues(current, values)) {
      const key = JSON.stringify(values);
      current = byKey.get(key) ?? null;
      if (current === null) {
        current = { values: [...values], rows: 0, cleanRows: 0 };
        byKey.set(key, current);
      }
    }
    const counter = current as Counter;
    counter.rows += rows;
    counter.cleanRows += cleanRows;
  };
  const entryOf = (counter: Counter): ValueProfileEntry<Column> => {
    const entry: Record<string, string | number | null> = {};
    columns.forEach((column, index) => {
      entry[column] = counter.values[index] ?? null;
    });
    return {
      ...entry,
      row_count: counter.rows,
      clean_row_count: counter.cleanRows,
    } as ValueProfileEntry<Column>;
  };
  return {
    columns,
    add: (values, clean) => addRows(values, 1, clean ? 1 : 0),
    addRows,
    entries: () => [...byKey.values()].map(entryOf),
  };
}

/**
 * Stores a profile's entries for one capture in `table`, whose columns are capture_id, position
 * (order of first appearance), the profiled columns, row_count and clean_row_count.
 */
export async function insertValueProfile<Column extends string>(
  scope: SqlScope,
  table: string,
  captureId: string,
  profile: ValueProfile<Column>,
): Promise<number> {
  const columns = ["capture_id", "position", ...profile.columns, "row_count", "clean_row_count"];
  const rows = profile
    .entries()
    .map((entry, position) => [
      captureId,
      position,
      ...profile.columns.map((column) => entry[column]),
      entry.row_count,
      entry.clean_row_count,
    ]);
  return scope.bulkInsert(table, columns, rows);
}
