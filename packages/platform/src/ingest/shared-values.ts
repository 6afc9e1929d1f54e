import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import type { CapturedTableDefinition } from "../captures/define-captures.js";
import { defineCapturedTable } from "../captures/define-captures.js";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";

/**
 * A column a source file repeats on every row of a key (an issue's name on each of its venue
 * lines): ingest records the value once per raw capture and key in `table` (capture_id,
 * `keyColumn`, `valueColumn`; keyed by capture and key) when every row of the key holds the same
 * non-NULL value, and a set-based copy of the capture (PlainRowCopySpec.target.sharedValues) then
 * stores NULL for that column on such rows. A reader gets the value back as
 * `coalesce(row.value, shared.value)`, joining the shared table on the capture's input capture and
 * the key: a key with a value shared by all its rows is exactly a key whose rows all carry it.
 */
export interface SharedValueColumn {
  readonly table: string;
  readonly keyColumn: string;
  readonly valueColumn: string;
}

/** Follows the shared columns of one raw capture while ingest streams its rows. */
export interface SharedValues {
  /** Notes one written row, as the values array ingest writes. */
  add(row: readonly unknown[]): void;
  /** Per column, the keys whose every row held one non-NULL value, and that value, in key order. */
  entries(): ReadonlyArray<
    readonly [column: SharedValueColumn, shared: ReadonlyArray<readonly [string, string]>]
  >;
}

// A key seen with two different values, or with NULL: never shared.
const differs = Symbol("differs");

// A field split from a line can be a slice that keeps the whole chunk of text it was read from
// alive; a kept key or value from every chunk would keep the file's text in memory (60 MB more
// peak RSS in the 52-week real-scale run). A copy holds only its own characters.
// (Joining forces a flat copy of the characters; slicing that copy keeps only the copy alive.)
const detached = (text: string) => ` ${text}`.slice(1);

/**
 * Starts following `columns` (see {@link SharedValueColumn}) in rows whose values come in
 * `rowColumns` order (the raw table's columns, named as the shared columns' key and value).
 */
export function createSharedValues(
  columns: readonly SharedValueColumn[],
  rowColumns: readonly string[],
): SharedValues {
  const followers = columns.map((column) => {
    const [keyAt, valueAt] = [rowColumns.indexOf(column.keyColumn), rowColumns.indexOf(column.valueColumn)];
    if (keyAt < 0 || valueAt < 0)
      throw new SpineError(
        "INTERNAL",
        `Shared column ${column.valueColumn} by ${column.keyColumn}: not in the row's columns`,
      );
    const seen = new Map<string, string | typeof differs>();
    return { column, keyAt, valueAt, seen, lastKey: undefined as unknown, lastValue: undefined as unknown };
  });
  return {
    add(row) {
      for (const follower of followers) {
        const key = row[follower.keyAt];
        const value = row[follower.valueAt];
        // A key's rows mostly come together (FINRA sorts by symbol): a repeat of the last pair
        // changes nothing, and skipping its lookup saves most of the cost on a million rows.
        if (key === follower.lastKey && value === follower.lastValue) continue;
        follower.lastKey = key;
        follower.lastValue = value;
        if (typeof key !== "string") continue;
        const before = follower.seen.get(key);
        if (before === undefined)
          follower.seen.set(detached(key), typeof value === "string" ? detached(value) : differs);
        else if (before !== value) follower.seen.set(key, differs);
      }
    },
    // In key order: rows written in key order append to the table's b-tree (83k names: 0.13 s
    // sorted, 0.39 s in first-appearance order on SQLite). The default sort compares UTF-16 units,
    // byte order for ASCII keys, and runs in the engine: a quarter of a comparator's time.
    entries: () =>
      followers.map(({ column, seen }) => {
        const keys = [...seen.keys()].sort();
        const shared: Array<readonly [string, string]> = [];
        for (const key of keys) {
          const value = seen.get(key);
          if (typeof value === "string") shared.push([key, value]);
        }
        return [column, shared] as const;
      }),
  };
}

/** Stores the shared values of one raw capture (see {@link SharedValueColumn}); returns how many rows. */
export async function insertSharedValues(
  scope: SqlScope,
  captureId: string,
  values: SharedValues,
): Promise<number> {
  let written = 0;
  for (const [column, shared] of values.entries()) {
    const rows = shared.map(([key, value]) => [captureId, key, value]);
    written += await scope.bulkInsert(
      column.table,
      ["capture_id", column.keyColumn, column.valueColumn],
      rows,
    );
  }
  return written;
}

// The raw capture that `captureId` read: where its shared values are stored.
const rawCaptureOf = (captureId: string) =>
  sql`(select input_capture_id from core_captures where capture_id = ${captureId})`;

/**
 * The value stored once for `key` by the raw capture that `captureId` read (its input capture), or
 * NULL: what a reader coalesces with a row's own value (see {@link SharedValueColumn}). A subquery
 * per key: for a statement over many keys, {@link joinSharedValues} reads them in one pass.
 */
export function sharedValueOf(column: SharedValueColumn, captureId: string, key: RawBuilder<unknown>) {
  return sql`(select ${sql.ref(`shared.${column.valueColumn}`)} from ${sql.table(column.table)} shared
    where shared.capture_id = ${rawCaptureOf(captureId)} and ${sql.ref(`shared.${column.keyColumn}`)} = ${key})`;
}

/** A join of shared values (see {@link joinSharedValues}) and the value it gives each row. */
export interface SharedValuesJoin {
  /** `left join <table> as <alias> on ...`, to follow the statement's FROM. */
  readonly join: RawBuilder<unknown>;
  /** The key's shared value, or NULL: what {@link sharedValueOf} gives for the same key. */
  readonly value: RawBuilder<unknown>;
}

/**
 * The values stored once by the raw capture that `captureId` read, joined on `key` as `alias`
 * (never more than one row per key: the table is keyed by capture and key). For statements over
 * many keys: PostgreSQL joins the capture's values once instead of looking each key up (83k
 * symbols: 0.33-0.36 s -> 0.23-0.24 s).
 */
export function joinSharedValues(
  column: SharedValueColumn,
  captureId: string,
  alias: string,
  key: RawBuilder<unknown>,
): SharedValuesJoin {
  const join = sql`left join ${sql.table(column.table)} as ${sql.id(alias)}
    on ${sql.id(alias, "capture_id")} = ${rawCaptureOf(captureId)} and ${sql.id(alias, column.keyColumn)} = ${key}`;
  return { join, value: sql.id(alias, column.valueColumn) };
}

/** The captured table of a shared column: a raw capture's side rows, paired by key when captures are compared. */
export function sharedValuesTable(column: SharedValueColumn): CapturedTableDefinition {
  return defineCapturedTable({ name: column.table, countRows: false, keyColumns: [column.keyColumn] });
}
