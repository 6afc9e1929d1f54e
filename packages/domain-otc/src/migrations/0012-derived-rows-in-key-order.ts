import type { CreateTableBuilder, Kysely, MigrationStatement, SqlCapabilities } from "@spine/platform";
import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// Migration 0008 made each derived table a table with a (capture_id, key) primary key. On SQLite
// that is two b-trees: the rows by rowid, and a key index repeating capture id and symbol for every
// row (`sqlite_autoindex_...`). At real scale the five symbol tables' key indexes were about 17 of
// a week's 168 bytes per source row. Stored in key order (backend.withoutRowid) the rows are their
// own key index. PostgreSQL has no such choice: there the tables are copied once, unchanged in shape.

type Column = readonly [
  name: string,
  type: "text" | "numeric" | "bigint" | "integer" | "double precision",
  notNull?: true,
];

/** Each derived table, its key within a capture, and its columns after capture_id, calc_name and calc_version (as 0008 left them). */
const derivedTables: ReadonlyArray<readonly [string, string, readonly Column[]]> = [
  [
    "otc_symbol_summary",
    "symbol",
    [
      ["symbol", "text", true],
      ["total_volume", "numeric", true],
      ["total_trades", "bigint", true],
      ["venue_count", "integer", true],
      ["avg_trade_size", "double precision"],
      ["issue_name", "text"],
    ],
  ],
  [
    "otc_venue_share",
    "mpid",
    [
      ["mpid", "text", true],
      ["market_participant_name", "text"],
      ["total_volume", "numeric", true],
      ["total_trades", "bigint", true],
      ["symbol_count", "integer", true],
      ["market_share", "double precision", true],
      ["rank", "integer", true],
    ],
  ],
  [
    "otc_symbol_concentration",
    "symbol",
    [
      ["symbol", "text", true],
      ["venue_count", "integer", true],
      ["hhi", "double precision"],
      ["top_mpid", "text"],
      ["top_share", "double precision"],
    ],
  ],
  [
    "otc_liquidity_score",
    "symbol",
    [
      ["symbol", "text", true],
      ["avg_trade_size", "double precision"],
      ["venue_count", "integer", true],
      ["liquidity_score", "double precision"],
    ],
  ],
  [
    "otc_symbol_rolling",
    "symbol",
    [
      ["window_weeks", "integer", true],
      ["symbol", "text", true],
      ["weeks_available", "integer", true],
      ["weeks_traded", "integer", true],
      ["avg_volume", "double precision", true],
      ["avg_trades", "double precision", true],
      ["min_volume", "numeric", true],
      ["max_volume", "numeric", true],
      ["trend_pct", "double precision"],
      ["trend_direction", "text", true],
      ["is_complete", "integer", true],
    ],
  ],
  [
    "otc_research_snapshot",
    "symbol",
    [
      ["symbol", "text", true],
      ["issue_name", "text"],
      ["total_volume", "numeric", true],
      ["total_trades", "bigint", true],
      ["venue_count", "integer", true],
      ["avg_trade_size", "double precision"],
      ["hhi", "double precision"],
      ["top_mpid", "text"],
      ["top_share", "double precision"],
      ["liquidity_score", "double precision"],
      ["rolling_window_weeks", "integer"],
      ["rolling_weeks_available", "integer"],
      ["rolling_avg_volume", "double precision"],
      ["rolling_trend_pct", "double precision"],
      ["rolling_trend_direction", "text"],
      ["rolling_is_complete", "integer"],
      ["expected_publication_date", "text", true],
      ["source_last_update_date", "text"],
    ],
  ],
];

function keyOrderedTable(
  db: Kysely<any>,
  backend: SqlCapabilities,
  name: string,
  key: string,
  columns: readonly Column[],
) {
  const lineage: Column[] = [
    ["capture_id", "text", true],
    ["calc_name", "text", true],
    ["calc_version", "text", true],
  ];
  let table: CreateTableBuilder<string, string> = db.schema.createTable(name);
  for (const [column, type, notNull] of [...lineage, ...columns])
    table = table.addColumn(column, type, (definition) => (notNull ? definition.notNull() : definition));
  return backend.withoutRowid(table.addPrimaryKeyConstraint(`${name}_key`, ["capture_id", key]));
}

// A view cannot outlive the table it reads on PostgreSQL: both views go first and come back as 0008 made them.
function views(table: string, columns: readonly Column[]): MigrationStatement[] {
  const own = columns.map(([name]) => `r.${name}`).join(", ");
  return [
    sql.raw(`create view ${table} as
select r.capture_id, c.tier, c.week_ending, r.calc_name, r.calc_version, c.created_at as computed_at,
  c.execution_id, ${own}
from ${table}_rows r join otc_captures c on c.capture_id = r.capture_id`),
    sql.raw(`create view ${table}_latest as select t.* from ${table} t
join core_captures_latest l on l.capture_id = t.capture_id`),
  ];
}

function rebuilt(
  db: Kysely<any>,
  backend: SqlCapabilities,
  table: string,
  key: string,
  columns: readonly Column[],
) {
  const names = ["capture_id", "calc_name", "calc_version", ...columns.map(([name]) => name)].join(", ");
  return [
    sql.raw(`drop view ${table}_latest`),
    sql.raw(`drop view ${table}`),
    sql.raw(`alter table ${table}_rows rename to ${table}_rows_before_0012`),
    // The old table keeps its key constraint's name (on PostgreSQL an index name, unique per schema) until it is dropped: the new key is named `_key`.
    keyOrderedTable(db, backend, `${table}_rows`, key, columns),
    sql.raw(
      `insert into ${table}_rows (${names}) select ${names} from ${table}_rows_before_0012 order by capture_id, ${key}`,
    ),
    sql.raw(`drop table ${table}_rows_before_0012`),
    ...views(table, columns),
  ];
}

/** Derived rows are stored in (capture_id, key) order, without a separate key index, where the backend can. */
export const derivedRowsInKeyOrder = defineMigration({
  name: "0012_otc_derived_rows_in_key_order",
  statements: (db, backend) => [
    ...derivedTables.flatMap(([table, key, columns]) => rebuilt(db, backend, table, key, columns)),
    sql.raw(`create index otc_venue_share_rows_history_idx on otc_venue_share_rows
  (mpid, capture_id, rank, market_share, total_volume)`),
  ],
});
