import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// A venue's market-share series (otc.venue_history) read the whole share table to find one MPID's
// rows: at five years some 600 pages, each of which a fresh process (the CLI) pays for the first
// time it touches it. An index holding the columns the query reads keeps one venue's rows in a few
// pages. The table has a row per venue and tier-week, so the index costs next to nothing to write.
// (Indexes of the same kind for a symbol's history were tried and left out: summary and rolling
// rows are written in symbol order per capture, so such an index takes a write in a different leaf
// for every row, and the 6-week backfill bench ran about a tenth slower in noisy runs.)

/** An index for otc.venue_history: venue shares by MPID, with the columns the query reads. */
export const venueHistoryIndex = defineMigration({
  name: "0010_otc_venue_history_index",
  statements: () => [
    sql.raw(`create index otc_venue_share_rows_history_idx on otc_venue_share_rows
  (mpid, capture_id, rank, market_share, total_volume)`),
  ],
});
