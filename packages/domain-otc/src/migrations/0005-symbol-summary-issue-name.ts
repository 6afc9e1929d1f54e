import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// The research snapshot took each symbol's issue name from a pass over every venue row of the
// week, a third of its time. The aggregate's symbol pass reads those rows anyway, so the summary
// keeps the name (the smallest non-NULL spelling, byte order). Summaries written before this
// migration have NULL there, and the snapshot falls back to the venue rows for them. PostgreSQL
// fixes a view's `t.*` when the view is created, so the `_latest` view is created again to show
// the new column (same definition as migration 0003).
/** Adds issue_name to otc_symbol_summary and its `_latest` view. */
export const symbolSummaryIssueName = defineMigration({
  name: "0005_symbol_summary_issue_name",
  statements: (db) => [
    db.schema.alterTable("otc_symbol_summary").addColumn("issue_name", "text"),
    sql`drop view otc_symbol_summary_latest`,
    sql`create view otc_symbol_summary_latest as select t.* from otc_symbol_summary t
join otc_captures_latest c on c.capture_id = t.capture_id and c.tier = t.tier and c.week_ending = t.week_ending`,
  ],
});
