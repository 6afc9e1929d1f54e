import type { RawBuilder } from "@spine/platform";
import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// Every derived row repeated its capture's tier, week, creation time and execution: about 75 of
// each row's bytes, and most of a year's database once rolling rows number millions. They now live
// once per capture in core_captures. Each derived table becomes `<table>_rows` without those four
// columns, and a view with the table's old name and columns puts them back from otc_captures, so
// readers see the same rows. calc_name and calc_version stay on the rows: one aggregate capture
// holds four calculations, and a capture records only one.

type Column = readonly [name: string, type: string];

const notNull = (type: string) => `${type} not null`;

/** Each derived table, the key within a capture, and the columns it keeps, in the order its view shows them. */
const derivedTables: ReadonlyArray<readonly [string, string, readonly Column[]]> = [
  [
    "otc_symbol_summary",
    "symbol",
    [
      ["symbol", notNull("text")],
      ["total_volume", notNull("numeric")],
      ["total_trades", notNull("bigint")],
      ["venue_count", notNull("integer")],
      ["avg_trade_size", "double precision"],
      ["issue_name", "text"],
    ],
  ],
  [
    "otc_venue_share",
    "mpid",
    [
      ["mpid", notNull("text")],
      ["market_participant_name", "text"],
      ["total_volume", notNull("numeric")],
      ["total_trades", notNull("bigint")],
      ["symbol_count", notNull("integer")],
      ["market_share", notNull("double precision")],
      ["rank", notNull("integer")],
    ],
  ],
  [
    "otc_symbol_concentration",
    "symbol",
    [
      ["symbol", notNull("text")],
      ["venue_count", notNull("integer")],
      ["hhi", "double precision"],
      ["top_mpid", "text"],
      ["top_share", "double precision"],
    ],
  ],
  [
    "otc_liquidity_score",
    "symbol",
    [
      ["symbol", notNull("text")],
      ["avg_trade_size", "double precision"],
      ["venue_count", notNull("integer")],
      ["liquidity_score", "double precision"],
    ],
  ],
  [
    "otc_symbol_rolling",
    "symbol",
    [
      ["window_weeks", notNull("integer")],
      ["symbol", notNull("text")],
      ["weeks_available", notNull("integer")],
      ["weeks_traded", notNull("integer")],
      ["avg_volume", notNull("double precision")],
      ["avg_trades", notNull("double precision")],
      ["min_volume", notNull("numeric")],
      ["max_volume", notNull("numeric")],
      ["trend_pct", "double precision"],
      ["trend_direction", notNull("text")],
      ["is_complete", notNull("integer")],
    ],
  ],
  [
    "otc_research_snapshot",
    "symbol",
    [
      ["symbol", notNull("text")],
      ["issue_name", "text"],
      ["total_volume", notNull("numeric")],
      ["total_trades", notNull("bigint")],
      ["venue_count", notNull("integer")],
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
      ["expected_publication_date", notNull("text")],
      ["source_last_update_date", "text"],
    ],
  ],
];

// The symbol indexes serve a symbol's history; the week now comes from the capture.
const symbolIndexes = ["otc_symbol_summary", "otc_symbol_rolling"];

// One copy into a new table, not four `drop column`s: SQLite rewrites the table for each drop,
// and PostgreSQL's drops would leave the bytes in place.
function rebuiltTable(table: string, key: string, columns: readonly Column[]): RawBuilder<unknown>[] {
  const definitions = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  const names = ["capture_id", "calc_name", "calc_version", ...columns.map(([name]) => name)].join(", ");
  return [
    sql.raw(`create table ${table}_rows (capture_id text not null, calc_name text not null,
  calc_version text not null, ${definitions}, constraint ${table}_rows_pk primary key (capture_id, ${key}))`),
    sql.raw(`insert into ${table}_rows (${names}) select ${names} from ${table}`),
    sql.raw(`drop table ${table}`),
  ];
}

function derivedView(table: string, columns: readonly Column[]): RawBuilder<unknown> {
  const own = columns.map(([name]) => `r.${name}`).join(", ");
  return sql.raw(`create view ${table} as
select r.capture_id, c.tier, c.week_ending, r.calc_name, r.calc_version, c.created_at as computed_at,
  c.execution_id, ${own}
from ${table}_rows r join otc_captures c on c.capture_id = r.capture_id`);
}

function latestView(table: string): RawBuilder<unknown> {
  return sql.raw(`create view ${table}_latest as select t.* from ${table} t
join core_captures_latest l on l.capture_id = t.capture_id`);
}

/** Derived rows keep their capture's tier, week, time and execution once, in core_captures. */
export const derivedLineagePerCapture = defineMigration({
  name: "0008_derived_lineage_per_capture",
  statements: () => {
    const statements: RawBuilder<unknown>[] = [];
    for (const [table] of derivedTables) statements.push(sql.raw(`drop view ${table}_latest`));
    for (const table of symbolIndexes) statements.push(sql.raw(`drop index ${table}_symbol_idx`));
    for (const [table, key, columns] of derivedTables)
      statements.push(...rebuiltTable(table, key, columns), derivedView(table, columns), latestView(table));
    for (const table of symbolIndexes)
      statements.push(sql.raw(`create index ${table}_rows_symbol_idx on ${table}_rows (symbol)`));
    return statements;
  },
});
