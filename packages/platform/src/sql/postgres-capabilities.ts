import { sql } from "kysely";
import { encodeCopyText } from "../database/copy-text.js";
import { dumpPostgresSchema } from "../database/dump-postgres-schema.js";
import { columnName } from "./grouped-columns.js";
import type { GroupedSumsSpec, SqlCapabilities } from "./sql-capabilities.js";

// Byte order whatever the database's locale: a locale collation would rank, break ties and pick
// names differently from SQLite and from JavaScript.
const byteOrder: SqlCapabilities["byteOrder"] = (expression) => sql`${expression} collate "C"`;

// Immutable, so expression indexes may use them.
const jsonFunctions = [
  sql`create or replace function json_quote(value text) returns text language sql immutable as $$ select to_json(value)::text $$`,
  sql`create or replace function json_extract(document text, path text) returns text language sql immutable as $$ select (document::jsonb) #>> string_to_array(substr(path, 3), '.') $$`,
];

function groupedSums(spec: GroupedSumsSpec) {
  const columns = [
    sql`${spec.key.expression} as ${columnName(spec.key)}`,
    ...spec.smallest.map((column) => sql`min(${byteOrder(column.expression)}) as ${columnName(column)}`),
    ...spec.sums.map((column) => sql`sum(${column.expression}) as ${columnName(column)}`),
  ];
  return {
    prepare: [],
    rows: sql`select ${sql.join(columns)}
  from ${spec.from} where ${spec.where} group by ${spec.key.expression}`,
    cleanUp: [],
  };
}

/** PostgreSQL's answers to {@link SqlCapabilities}. */
export const postgresCapabilities = Object.freeze<SqlCapabilities>({
  true: sql`true`,
  false: sql`false`,
  byteOrder,
  isNotDistinctFrom: (left, right) => sql`${left} is not distinct from ${right}`,
  // translate() is twice as fast as the regular expression ^[0-9]{1,15}$ over a million rows.
  isWholeNumber: (text, maximumDigits = 15) =>
    sql`(length(${text}) between 1 and ${sql.lit(Math.min(maximumDigits, 15))} and translate(${text}, '0123456789', '') = '')`,
  // ON CONFLICT DO NOTHING's speculative insertion costs 4 s per million rows; DISTINCT ON drops
  // the repeats before the insert instead.
  insertIgnoringDuplicates: (spec) => {
    const key = sql.join(spec.key.map((column) => sql.ref(column)));
    return sql`insert into ${sql.table(spec.into)} (${sql.join(spec.columns.map((column) => sql.ref(column)))})
select distinct on (${key}) ${spec.select}
from ${spec.from}
order by ${key}, ${spec.keepFirstBy}`;
  },
  groupedSums,
  // numeric adds exactly; sum() over it is numeric, which the pool parses to a number.
  exactSum: (value) => sql`sum(${value})`,
  firstBy: (value, order) => sql`(array_agg(${value} order by ${order}))[1]`,
  holdDecimals: (table, column) => [
    sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type numeric`,
  ],
  withoutRowid: (table) => table,
  addIdentityColumn: (table, column) =>
    table.addColumn(column, "bigserial", (definition) => definition.primaryKey()),
  viewsFreezeColumns: true,
  reusesDeletedSpaceAtOnce: false,
  writersExcludeEachOther: false,
  canDropConstraints: true,
  bulkInsertRows: 10_000,
  insertsWaitOnServer: true,
  holdRows: encodeCopyText,
  sharedRowLock: sql`for share`,
  stageTransactionSettings: [sql`set local enable_nestloop = off`],
  jsonFunctions,
  dumpSchema: dumpPostgresSchema,
});
