import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// The `_latest` views joined their table to otc_captures_latest on capture_id alone, so a filter
// on the view's tier and week_ending could not reach the captures' partition index: SQLite
// scanned every row of every week ever loaded, and each query or rolling run grew with history.
// Joining on tier and week_ending as well (always equal for a row and its capture) lets the
// planner find the week's capture first and read its rows by their (capture_id, ...) key.
const viewsOverDerivedTables = [
  "otc_venue_volume",
  "otc_symbol_summary",
  "otc_venue_share",
  "otc_symbol_concentration",
  "otc_liquidity_score",
  "otc_symbol_rolling",
  "otc_research_snapshot",
] as const;

/** Redefines each `_latest` view so a query for one tier-week reads that week's rows only. */
export const latestViewsSeekByPartition = defineMigration({
  name: "0003_latest_views_seek_by_partition",
  statements: () =>
    viewsOverDerivedTables.flatMap((table) => [
      sql`drop view ${sql.raw(`${table}_latest`)}`,
      sql`create view ${sql.raw(`${table}_latest`)} as select t.* from ${sql.raw(table)} t
join otc_captures_latest c on c.capture_id = t.capture_id and c.tier = t.tier and c.week_ending = t.week_ending`,
    ]),
});
