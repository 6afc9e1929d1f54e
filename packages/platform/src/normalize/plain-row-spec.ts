import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import type { SharedValueColumn } from "../ingest/shared-values.js";
import type { SqlCapabilities } from "../sql/sql-capabilities.js";

/**
 * Declares a set-based normalize from a raw table into a row table (see copyThenJudge). The raw
 * table holds one row per source line, keyed by `capture_id` and `line_number`; the target holds
 * one row per natural key of a capture. A row is "plain" when its per-file values (`metadataColumns`)
 * form a combination the domain accepts and it passes the `plain` tests: such a row is valid by
 * construction and is copied by one INSERT ... SELECT, while every other row, and every row whose
 * key repeats, goes through the domain's row judge in JavaScript.
 */
export interface PlainRowCopySpec<Metadata extends string = string> {
  /** The raw table (capture_id, line_number, ...). */
  readonly sourceTable: string;
  /**
   * Where ingest stored each capture's profile of `metadataColumns` (insertValueProfile): read
   * instead of scanning the raw table. Without it, or for a capture it does not cover, the groups are
   * counted in SQL.
   */
  readonly profileTable?: string;
  /** The per-file columns: a capture holds a handful of combinations, each judged once. */
  readonly metadataColumns: readonly Metadata[];
  /** The natural key, named alike in source and target. */
  readonly keyColumns: readonly string[];
  /** The row tests of a plain row besides its metadata. */
  readonly plain: {
    /** Must be NULL (a line ingest could not split, say); a row with one set is never a key's row. */
    readonly nullColumns: readonly string[];
    /** Must not be empty text. */
    readonly nonEmptyColumns: readonly string[];
    /** Text that must be a whole number of at most `maximumDigits` digits; copied cast to bigint. */
    readonly wholeNumberColumns: readonly string[];
    readonly maximumDigits: number;
  };
  /** The target table: its columns are capture_id, then one per source column of `from`, in order. */
  readonly target: {
    readonly table: string;
    readonly columns: readonly string[];
    readonly from: readonly string[];
    /**
     * Columns ingest stored once per key of the raw capture (insertSharedValues): the copy writes
     * NULL for such a column where the capture's shared table holds the row's key, and readers
     * coalesce it back. Rows the judge writes keep their own values, which are the same.
     */
    readonly sharedValues?: readonly SharedValueColumn[];
  };
  /** The source columns the row judge reads. */
  readonly judgedColumns: readonly string[];
  /** A table or view with each raw row's original line (column `column`), for rejects. */
  readonly lines: { readonly table: string; readonly column: string };
}

/** One metadata combination of a raw capture and how many rows carry it. */
export type MetadataGroup<Metadata extends string = string> = Record<Metadata, string | null> & {
  readonly rows: number;
  /** How many of them ingest found clean (its profile); unknown without a profile. */
  readonly cleanRows?: number;
};

/** Keys repeated in a capture beyond this many send every row down the judged path. */
export const maxRepeatedKeysToList = 500;

/** True when a row carries exactly this metadata combination (NULLs alike); never NULL. */
export function sameMetadata<Metadata extends string>(
  spec: PlainRowCopySpec<Metadata>,
  metadata: Readonly<Record<Metadata, string | null>>,
  capabilities: SqlCapabilities,
): RawBuilder<unknown> {
  const tests = spec.metadataColumns.map((column) =>
    capabilities.isNotDistinctFrom(sql.ref(column), metadata[column]),
  );
  return sql`(${sql.join(tests, sql` and `)})`;
}

/**
 * The plain-row predicate (never NULL), or null when no combination was accepted. When every
 * combination of the capture was accepted (`coversEveryRow`) the metadata test is left out: a fifth
 * of the copy's cost on a million-row week. When, besides, ingest found every row clean
 * (`everyRowClean`: the row tests done in JavaScript as it read the file), no row needs testing.
 */
export function plainRowPredicate<Metadata extends string>(
  spec: PlainRowCopySpec<Metadata>,
  capabilities: SqlCapabilities,
  accepted: readonly MetadataGroup<Metadata>[],
  coverage: { readonly coversEveryRow: boolean; readonly everyRowClean: boolean },
): RawBuilder<unknown> | null {
  if (accepted.length === 0) return null;
  if (coverage.coversEveryRow && coverage.everyRowClean) return sql`(1 = 1)`;
  const { plain } = spec;
  const tests = [
    ...plain.nullColumns.map((column) => sql`${sql.ref(column)} is null`),
    ...plain.nonEmptyColumns.map((column) => sql`${sql.ref(column)} <> ''`),
    ...plain.wholeNumberColumns.map((column) =>
      capabilities.isWholeNumber(sql.ref(column), plain.maximumDigits),
    ),
  ];
  if (!coverage.coversEveryRow) {
    tests.push(
      sql`(${sql.join(
        accepted.map((group) => sameMetadata(spec, group, capabilities)),
        sql` or `,
      )})`,
    );
  }
  return sql`coalesce(${sql.join(tests, sql` and `)}, ${capabilities.false})`;
}

/** `(key columns) in ((...), ...)` for the listed keys. */
export function keyIn(spec: PlainRowCopySpec, keys: ReadonlyArray<readonly string[]>): RawBuilder<unknown> {
  const columns = sql.join(spec.keyColumns.map((column) => sql.ref(column)));
  return sql`(${columns}) in (${sql.join(keys.map((key) => sql`(${sql.join(key)})`))})`;
}

/**
 * The rows the judge must see: every row that is not plain, plus every row of a repeated key
 * (which occurrence is kept depends on the others). Undefined means every row.
 */
export function judgedRowsFilter(
  spec: PlainRowCopySpec,
  plain: RawBuilder<unknown> | null,
  repeatedKeys: ReadonlyArray<readonly string[]>,
): RawBuilder<unknown> | undefined {
  if (plain === null || repeatedKeys.length > maxRepeatedKeysToList) return undefined;
  if (repeatedKeys.length === 0) return sql`not ${plain}`;
  return sql`(not ${plain} or ${keyIn(spec, repeatedKeys)})`;
}
