import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import { exactDecimalPlaces } from "../collections/decimal-sum.js";
import { dumpSqliteSchema } from "../database/dump-sqlite-schema.js";
import { columnName, groupedColumnNames } from "./grouped-columns.js";
import type { GroupedColumn, GroupedSums, GroupedSumsSpec, SqlCapabilities } from "./sql-capabilities.js";

// SQLite's default collation (BINARY) already compares bytes, and its `is` is null-safe.

// A value that survives the round trip through integer unchanged is a canonical decimal (no sign,
// padding, leading zero or NUL, since = compares every byte); the range bounds its digits and
// refuses a sign. A third cheaper than glob plus byte-length checks.
function isWholeNumber(text: RawBuilder<unknown>, maximumDigits = 15): RawBuilder<unknown> {
  const asInteger = sql`cast(${text} as integer)`;
  const largest = sql.lit(10 ** Math.min(maximumDigits, 15) - 1);
  return sql`(cast(${asInteger} as text) = ${text} and ${asInteger} between 0 and ${largest})`;
}

// SQLite holds a fractional share as a double, whose sum drifts (0.1 + 0.2 = 0.30000000000000004):
// whole parts and millionths are added as integers (no overflow where the whole sum has none),
// and a total with a fraction is read back from its decimal text, rounding once.
const units = sql.lit(10 ** exactDecimalPlaces);
const wholePart = (value: RawBuilder<unknown>) => sql`cast(${value} as integer)`;
const unitsPart = (value: RawBuilder<unknown>) =>
  sql`cast(round((${value} - cast(${value} as integer)) * ${units}) as integer)`;

function decimalTotal(wholes: RawBuilder<unknown>, fractions: RawBuilder<unknown>) {
  const format = sql.lit(`%d.%0${exactDecimalPlaces}d`);
  const text = sql`printf(${format}, ${wholes} + ${fractions} / ${units}, ${fractions} % ${units})`;
  return sql`(case when coalesce(${fractions}, 0) = 0 then ${wholes} else cast(${text} as real) end)`;
}

function exactSum(value: RawBuilder<unknown>) {
  return decimalTotal(sql`sum(${wholePart(value)})`, sql`sum(${unitsPart(value)})`);
}

// A decimal sum keeps its millionths in a second scratch column beside the whole parts.
const unitsColumn = (column: GroupedColumn) => sql.id(`${column.name}__units`);

// Integer affinity would keep a fraction too, but tools that read the declared type (a Parquet
// export) would call the column whole: it is replaced by a numeric one under the same name (at the
// end of the table: SQLite cannot change a column's type in place).
function holdDecimals(table: string, column: string) {
  const replacement = sql.id(`${column}__decimal`);
  return [
    sql`alter table ${sql.table(table)} add column ${replacement} numeric not null default 0`,
    sql`update ${sql.table(table)} set ${replacement} = ${sql.ref(column)}`,
    sql`alter table ${sql.table(table)} drop column ${sql.ref(column)}`,
    sql`alter table ${sql.table(table)} rename column ${replacement} to ${sql.ref(column)}`,
  ];
}

// Scalar min() would be NULL when either side is, hence the case.
function smallerOf(column: RawBuilder<unknown>) {
  const incoming = sql`excluded.${column}`;
  return sql`case when ${incoming} is null then ${column}
      when ${column} is null or ${incoming} < ${column} then ${incoming}
      else ${column} end`;
}

const decimalSums = (spec: GroupedSumsSpec) => spec.sums.filter((column) => column.decimal === true);

function createScratch(spec: GroupedSumsSpec) {
  const definitions = [
    sql`${columnName(spec.key)} text primary key`,
    ...spec.smallest.map((column) => sql`${columnName(column)} text`),
    ...spec.sums.map((column) => sql`${columnName(column)} integer not null`),
    ...decimalSums(spec).map((column) => sql`${unitsColumn(column)} integer not null`),
  ];
  return sql`create temporary table ${sql.table(spec.scratchTable)} (${sql.join(definitions)}) without rowid`;
}

// `and true`: an upsert's SELECT needs a WHERE so that ON CONFLICT cannot parse as a join's ON.
function fillScratch(spec: GroupedSumsSpec) {
  const summed = (column: GroupedColumn) =>
    column.decimal === true ? wholePart(column.expression) : column.expression;
  const expressions = [
    ...[spec.key, ...spec.smallest].map((column) => column.expression),
    ...spec.sums.map(summed),
    ...decimalSums(spec).map((column) => unitsPart(column.expression)),
  ];
  const added = (name: RawBuilder<unknown>) => sql`${name} = ${name} + excluded.${name}`;
  const updates = [
    ...spec.smallest.map((column) => sql`${columnName(column)} = ${smallerOf(columnName(column))}`),
    ...spec.sums.map((column) => added(columnName(column))),
    ...decimalSums(spec).map((column) => added(unitsColumn(column))),
  ];
  const names = [...groupedColumnNames(spec), ...decimalSums(spec).map(unitsColumn)];
  return sql`insert into ${sql.table(spec.scratchTable)} (${sql.join(names)})
select ${sql.join(expressions)}
from ${spec.from} where ${spec.where} and true
on conflict (${columnName(spec.key)}) do update set ${sql.join(updates)}`;
}

function resultColumns(spec: GroupedSumsSpec) {
  return groupedColumnNames(spec).map((name, index) => {
    const column = spec.sums[index - 1 - spec.smallest.length];
    if (column?.decimal !== true) return name;
    return sql`${decimalTotal(name, unitsColumn(column))} as ${name}`;
  });
}

function groupedSums(spec: GroupedSumsSpec): GroupedSums {
  return {
    prepare: [createScratch(spec), fillScratch(spec)],
    rows: sql`select ${sql.join(resultColumns(spec))} from ${sql.table(spec.scratchTable)}`,
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
  exactSum,
  // An ordered aggregate (SQLite 3.44 and later); JSON keeps any text whole, a separator would not.
  firstBy: (value, order) => sql`(json_group_array(${value} order by ${order}) ->> 0)`,
  holdDecimals,
  withoutRowid: (table) => table.modifyEnd(sql`without rowid`),
  addIdentityColumn: (table, column) =>
    table.addColumn(column, "integer", (definition) => definition.primaryKey().autoIncrement()),
  viewsFreezeColumns: false,
  reusesDeletedSpaceAtOnce: true,
  writersExcludeEachOther: true,
  canDropConstraints: false,
  bulkInsertRows: 1,
  insertsWaitOnServer: false,
  holdRows: (rows) => rows,
  sharedRowLock: sql``,
  stageTransactionSettings: [],
  jsonFunctions: [],
  dumpSchema: dumpSqliteSchema,
});
