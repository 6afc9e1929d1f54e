import type { RawBuilder } from "@spine/platform";
import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// Every derived row repeated its capture's tier, week, creation time and execution: about 75 of
// each row's bytes, and most of a year's database once rolling rows number millions. They now live
// once per capture in core_captures. Each derived table becomes `<table>_rows` without those four
// columns, and a view with the table's old name and columns puts them back from otc_captures, so
// readers see the same rows. calc_name and calc_version stay on the rows: one aggregate capture
// holds four calculations, and a capture records only one.

/** Each derived table and the columns it keeps, in the order its view shows them. */
const derivedTables: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    "otc_symbol_summary",
    ["symbol", "total_volume", "total_trades", "venue_count", "avg_trade_size", "issue_name"],
  ],
  [
    "otc_venue_share",
    [
      "mpid",
      "market_participant_name",
      "total_volume",
      "total_trades",
      "symbol_count",
      "market_share",
      "rank",
    ],
  ],
  ["otc_symbol_concentration", ["symbol", "venue_count", "hhi", "top_mpid", "top_share"]],
  ["otc_liquidity_score", ["symbol", "avg_trade_size", "venue_count", "liquidity_score"]],
  [
    "otc_symbol_rolling",
    [
      "window_weeks",
      "symbol",
      "weeks_available",
      "weeks_traded",
      "avg_volume",
      "avg_trades",
      "min_volume",
      "max_volume",
      "trend_pct",
      "trend_direction",
      "is_complete",
    ],
  ],
  [
    "otc_research_snapshot",
    [
      "symbol",
      "issue_name",
      "total_volume",
      "total_trades",
      "venue_count",
      "avg_trade_size",
      "hhi",
      "top_mpid",
      "top_share",
      "liquidity_score",
      "rolling_window_weeks",
      "rolling_weeks_available",
      "rolling_avg_volume",
      "rolling_trend_pct",
      "rolling_trend_direction",
      "rolling_is_complete",
      "expected_publication_date",
      "source_last_update_date",
    ],
  ],
];

const movedColumns = ["tier", "week_ending", "computed_at", "execution_id"];

// The symbol indexes serve a symbol's history; the week now comes from the capture.
const symbolIndexes = ["otc_symbol_summary", "otc_symbol_rolling"];

function derivedView(table: string, columns: readonly string[]): RawBuilder<unknown> {
  const own = columns.map((column) => `r.${column}`).join(", ");
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
    for (const [table, columns] of derivedTables) {
      statements.push(sql.raw(`alter table ${table} rename to ${table}_rows`));
      for (const column of movedColumns)
        statements.push(sql.raw(`alter table ${table}_rows drop column ${column}`));
      statements.push(derivedView(table, columns), latestView(table));
    }
    for (const table of symbolIndexes)
      statements.push(sql.raw(`create index ${table}_rows_symbol_idx on ${table}_rows (symbol)`));
    return statements;
  },
});
