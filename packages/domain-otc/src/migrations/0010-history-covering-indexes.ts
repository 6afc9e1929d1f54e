import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// A symbol's history reads one summary and one rolling row per tier-week, and a venue's series one
// share row per tier-week: each in its own page, since a capture's rows are written together. At
// five years that is some 500 pages for one symbol and a full scan of the share table for one venue,
// and a fresh process (the CLI) pays for every page it touches the first time. Indexes holding the
// columns those queries read keep one symbol's (or venue's) rows in a few pages. They replace the
// symbol-only indexes, which lead with the same column.

/** Covering indexes for otc.symbol_history, otc.venue_history and the queries leading with a symbol. */
export const historyCoveringIndexes = defineMigration({
  name: "0010_otc_history_covering_indexes",
  statements: () => [
    sql.raw("drop index otc_symbol_summary_rows_symbol_idx"),
    sql.raw("drop index otc_symbol_rolling_rows_symbol_idx"),
    sql.raw(`create index otc_symbol_summary_rows_history_idx on otc_symbol_summary_rows
  (symbol, capture_id, total_volume, total_trades, venue_count, avg_trade_size)`),
    sql.raw(`create index otc_symbol_rolling_rows_history_idx on otc_symbol_rolling_rows
  (symbol, window_weeks, capture_id, weeks_available, avg_volume, min_volume, max_volume, trend_pct,
  trend_direction, is_complete)`),
    sql.raw(`create index otc_venue_share_rows_history_idx on otc_venue_share_rows
  (mpid, capture_id, rank, market_share, total_volume)`),
  ],
});
