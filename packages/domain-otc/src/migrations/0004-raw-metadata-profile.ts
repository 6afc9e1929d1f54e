import { defineMigration } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// Ingest sees every row, so it records, per raw capture, each combination of the metadata columns
// (tier, week, lastUpdateDate, summary type) with how many rows carry it and how many of those are
// clean: non-empty symbol and MPID, no malformed detail, both counts canonical whole numbers of at
// most 15 digits. Normalize then needs no scan to group the metadata, and when every row is clean
// and every combination accepted it copies the rows without testing each one.
/** Creates otc_raw_metadata: the metadata profile of each raw capture. */
export const rawMetadataProfile = defineMigration({
  name: "0004_raw_metadata_profile",
  statements: (db) => [
    db.schema
      .createTable("otc_raw_metadata")
      .addColumn("capture_id", "text", (column) =>
        column.notNull().references("otc_captures.capture_id").onDelete("cascade"),
      )
      .addColumn("position", "integer", (column) => column.notNull())
      .addColumn("tier_text", "text")
      .addColumn("week_text", "text")
      .addColumn("last_update_date", "text")
      .addColumn("summary_type_code", "text")
      .addColumn("row_count", "bigint", (column) => column.notNull())
      .addColumn("clean_row_count", "bigint", (column) => column.notNull())
      .addPrimaryKeyConstraint("otc_raw_metadata_pk", ["capture_id", "position"]),
  ],
});
