import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// The symbol indexes of summary and rolling rows made every week slower than the one before. A
// tier-week capture adds one entry per symbol (thousands), and a symbol's entries of all weeks sit
// together, so each capture wrote to nearly every leaf of both indexes: at five years about 55 MB
// of index pages per index and capture, and a forced reload of one week (3 tiers) took 4.9-5.1 s
// with them against 3.5 s without. A symbol's history reads the same rows through the (capture,
// symbol) keys of the latest captures instead: 23-32 ms in process at five years either way.

/** Drops the symbol indexes of otc_symbol_summary_rows and otc_symbol_rolling_rows. */
export const symbolIndexesDropped = defineMigration({
  name: "0011_otc_symbol_indexes_dropped",
  statements: () => [
    sql.raw("drop index otc_symbol_summary_rows_symbol_idx"),
    sql.raw("drop index otc_symbol_rolling_rows_symbol_idx"),
  ],
});
