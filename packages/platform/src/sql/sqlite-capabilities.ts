import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import { dumpSqliteSchema } from "../database/dump-sqlite-schema.js";
import { columnName, groupedColumnNames } from "./grouped-columns.js";
import type { GroupedSums, GroupedSumsSpec, SqlCapabilities } from "./sql-capabilities.js";

// SQLite's default collation (BINARY) already compares bytes, and its `is` is null-safe.

// A value that survives the round trip through integer unchanged is a canonical decimal (no sign,
// padding, leading zero or NUL, since = compares every byte); the range bounds its digits and
// refuses a sign. A third cheaper than glob plus byte-length checks.
function isWholeNumber(text: RawBuilder<unknown>, maximumDigits = 15): RawBuilder<unknown> {
  const asInteger = sql`cast(${text} as integer)`;
  const largest = sql.lit(10 ** Math.min(maximumDigits, 15) - 1);
  return sql`(cast(${asInteger} as text) = ${text} and ${asInteger} between 0 and ${largest})`;
}

// Scalar min() would be NULL when either side is, hence the case.
function smallerOf(column: RawBuilder<unknown>) {
  const incoming = sql`excluded.${column}`;
  return sql`case when ${incoming} is null then ${column}
      when ${column} is null or ${incoming} < ${column} then ${incoming}
      else ${column} end`;
}

function createScratch(spec: GroupedSumsSpec) {
  const definitions = [
    sql`${columnName(spec.key)} text primary key`,
    ...spec.smallest.map((column) => sql`${columnName(column)} text`),
    ...spec.sums.map((column) => sql`${columnName(column)} integer not null`),
  ];
  return sql`create temporary table ${sql.table(spec.scratchTable)} (${sql.join(definitions)}) without rowid`;
}

// `and true`: an upsert's SELECT needs a WHERE so that ON CONFLICT cannot parse as a join's ON.
function fillScratch(spec: GroupedSumsSpec) {
  const expressions = [spec.key, ...spec.smallest, ...spec.sums].map((column) => column.expression);
  const updates = [
    ...spec.smallest.map((column) => sql`${columnName(column)} = ${smallerOf(columnName(column))}`),
    ...spec.sums.map(
      (column) => sql`${columnName(column)} = ${columnName(column)} + excluded.${columnName(column)}`,
    ),
  ];
  return sql`insert into ${sql.table(spec.scratchTable)} (${sql.join(groupedColumnNames(spec))})
select ${sql.join(expressions)}
from ${spec.from} where ${spec.where} and true
on conflict (${columnName(spec.key)}) do update set ${sql.join(updates)}`;
}

function groupedSums(spec: GroupedSumsSpec): GroupedSums {
  return {
    prepare: [createScratch(spec), fillScratch(spec)],
    rows: sql`select ${sql.join(groupedColumnNames(spec))} from ${sql.table(spec.scratchTable)}`,
    cleanUp: [sql`drop table ${sql.table(spec.scratchTable)}`],
  };
}

/** SQLite's answers to {@link SqlCapabilities}. */
export const sqliteCapabilities = Object.freeze<SqlCapabilities>({
  true: sql`1`,
  false: sql`0`,
  byteOrder: (expression) => expression,
  isNotDistinctFrom: (left, right) => sql`${left} is ${right}`,
  isWholeNumber,
  insertIgnoringDuplicates: (spec) => {
    const key = sql.join(spec.key.map((column) => sql.ref(column)));
    return sql`insert into ${sql.table(spec.into)} (${sql.join(spec.columns.map((column) => sql.ref(column)))})
select ${spec.select}
from ${spec.from}
order by ${key}, ${spec.keepFirstBy} on conflict do nothing`;
  },
  groupedSums,
  withoutRowid: (table) => table.modifyEnd(sql`without rowid`),
  addIdentityColumn: (table, column) =>
    table.addColumn(column, "integer", (definition) => definition.primaryKey().autoIncrement()),
  viewsFreezeColumns: false,
  canDropConstraints: false,
  jsonFunctions: [],
  dumpSchema: dumpSqliteSchema,
});
