import type { CreateTableBuilder, Kysely } from "@spine/platform";
import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

type Table = CreateTableBuilder<string, string>;

function withDerivedColumns(table: Table): Table {
  return table
    .addColumn("capture_id", "text", (column) =>
      column.notNull().references("otc_captures.capture_id").onDelete("cascade"),
    )
    .addColumn("tier", "text", (column) => column.notNull())
    .addColumn("week_ending", "text", (column) => column.notNull())
    .addColumn("calc_name", "text", (column) => column.notNull())
    .addColumn("calc_version", "text", (column) => column.notNull())
    .addColumn("computed_at", "text", (column) => column.notNull())
    .addColumn("execution_id", "text", (column) => column.notNull());
}

function createCaptures(db: Kysely<any>) {
  return db.schema
    .createTable("otc_captures")
    .addColumn("capture_id", "text", (column) => column.primaryKey())
    .addColumn("tier", "text", (column) => column.notNull())
    .addColumn("week_ending", "text", (column) => column.notNull())
    .addColumn("stage", "text", (column) => column.notNull())
    .addColumn("variant", "text", (column) => column.notNull())
    .addColumn("capture_number", "integer", (column) => column.notNull())
    .addColumn("input_capture_id", "text")
    .addColumn("source_file", "text")
    .addColumn("source_sha256", "text")
    .addColumn("source_revision", "integer")
    .addColumn("source_last_update_date", "text")
    .addColumn("week_rule", "text")
    .addColumn("row_count", "bigint", (column) => column.notNull())
    .addColumn("execution_id", "text", (column) => column.notNull())
    .addColumn("batch_id", "text")
    .addColumn("created_at", "text", (column) => column.notNull())
    .addUniqueConstraint("otc_captures_number_unique", [
      "tier",
      "week_ending",
      "stage",
      "variant",
      "capture_number",
    ]);
}

function createRaw(db: Kysely<any>) {
  return db.schema
    .createTable("otc_raw")
    .addColumn("capture_id", "text", (column) =>
      column.notNull().references("otc_captures.capture_id").onDelete("cascade"),
    )
    .addColumn("tier", "text", (column) => column.notNull())
    .addColumn("week_ending", "text", (column) => column.notNull())
    .addColumn("line_number", "bigint", (column) => column.notNull())
    .addColumn("tier_text", "text")
    .addColumn("symbol", "text")
    .addColumn("issue_name", "text")
    .addColumn("mpid", "text")
    .addColumn("market_participant_name", "text")
    .addColumn("share_quantity_text", "text")
    .addColumn("trade_count_text", "text")
    .addColumn("last_update_date", "text")
    .addColumn("week_text", "text")
    .addColumn("summary_type_code", "text")
    .addColumn("malformed_detail", "text")
    .addColumn("raw_line", "text", (column) => column.notNull())
    .addColumn("record_hash", "text", (column) => column.notNull())
    .addColumn("source_file", "text", (column) => column.notNull())
    .addColumn("source_sha256", "text", (column) => column.notNull())
    .addColumn("source_revision", "integer", (column) => column.notNull())
    .addColumn("source_last_update_date", "text")
    .addColumn("execution_id", "text", (column) => column.notNull())
    .addColumn("batch_id", "text")
    .addColumn("ingested_at", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("otc_raw_pk", ["capture_id", "line_number"]);
}

function createVenueVolume(db: Kysely<any>) {
  return withDerivedColumns(db.schema.createTable("otc_venue_volume"))
    .addColumn("symbol", "text", (column) => column.notNull())
    .addColumn("issue_name", "text")
    .addColumn("mpid", "text", (column) => column.notNull())
    .addColumn("market_participant_name", "text")
    .addColumn("share_volume", "bigint", (column) => column.notNull())
    .addColumn("trade_count", "bigint", (column) => column.notNull())
    .addColumn("avg_trade_size", "double precision")
    .addColumn("line_number", "bigint", (column) => column.notNull())
    .addColumn("record_hash", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("otc_venue_volume_pk", ["capture_id", "symbol", "mpid"]);
}

function createSymbolSummary(db: Kysely<any>) {
  return withDerivedColumns(db.schema.createTable("otc_symbol_summary"))
    .addColumn("symbol", "text", (column) => column.notNull())
    .addColumn("total_volume", "bigint", (column) => column.notNull())
    .addColumn("total_trades", "bigint", (column) => column.notNull())
    .addColumn("venue_count", "integer", (column) => column.notNull())
    .addColumn("avg_trade_size", "double precision")
    .addPrimaryKeyConstraint("otc_symbol_summary_pk", ["capture_id", "symbol"]);
}

function createVenueShare(db: Kysely<any>) {
  return withDerivedColumns(db.schema.createTable("otc_venue_share"))
    .addColumn("mpid", "text", (column) => column.notNull())
    .addColumn("market_participant_name", "text")
    .addColumn("total_volume", "bigint", (column) => column.notNull())
    .addColumn("total_trades", "bigint", (column) => column.notNull())
    .addColumn("symbol_count", "integer", (column) => column.notNull())
    .addColumn("market_share", "double precision", (column) => column.notNull())
    .addColumn("rank", "integer", (column) => column.notNull())
    .addPrimaryKeyConstraint("otc_venue_share_pk", ["capture_id", "mpid"]);
}

function createConcentration(db: Kysely<any>) {
  return withDerivedColumns(db.schema.createTable("otc_symbol_concentration"))
    .addColumn("symbol", "text", (column) => column.notNull())
    .addColumn("venue_count", "integer", (column) => column.notNull())
    .addColumn("hhi", "double precision")
    .addColumn("top_mpid", "text")
    .addColumn("top_share", "double precision")
    .addPrimaryKeyConstraint("otc_symbol_concentration_pk", ["capture_id", "symbol"]);
}

function createLiquidity(db: Kysely<any>) {
  return withDerivedColumns(db.schema.createTable("otc_liquidity_score"))
    .addColumn("symbol", "text", (column) => column.notNull())
    .addColumn("avg_trade_size", "double precision")
    .addColumn("venue_count", "integer", (column) => column.notNull())
    .addColumn("liquidity_score", "double precision")
    .addPrimaryKeyConstraint("otc_liquidity_score_pk", ["capture_id", "symbol"]);
}

function createRolling(db: Kysely<any>) {
  return withDerivedColumns(db.schema.createTable("otc_symbol_rolling"))
    .addColumn("window_weeks", "integer", (column) => column.notNull())
    .addColumn("symbol", "text", (column) => column.notNull())
    .addColumn("weeks_available", "integer", (column) => column.notNull())
    .addColumn("weeks_traded", "integer", (column) => column.notNull())
    .addColumn("avg_volume", "double precision", (column) => column.notNull())
    .addColumn("avg_trades", "double precision", (column) => column.notNull())
    .addColumn("min_volume", "bigint", (column) => column.notNull())
    .addColumn("max_volume", "bigint", (column) => column.notNull())
    .addColumn("trend_pct", "double precision")
    .addColumn("trend_direction", "text", (column) => column.notNull())
    .addColumn("is_complete", "integer", (column) => column.notNull())
    .addPrimaryKeyConstraint("otc_symbol_rolling_pk", ["capture_id", "symbol"]);
}

function createSnapshot(db: Kysely<any>) {
  return withDerivedColumns(db.schema.createTable("otc_research_snapshot"))
    .addColumn("symbol", "text", (column) => column.notNull())
    .addColumn("issue_name", "text")
    .addColumn("total_volume", "bigint", (column) => column.notNull())
    .addColumn("total_trades", "bigint", (column) => column.notNull())
    .addColumn("venue_count", "integer", (column) => column.notNull())
    .addColumn("avg_trade_size", "double precision")
    .addColumn("hhi", "double precision")
    .addColumn("top_mpid", "text")
    .addColumn("top_share", "double precision")
    .addColumn("liquidity_score", "double precision")
    .addColumn("rolling_window_weeks", "integer")
    .addColumn("rolling_weeks_available", "integer")
    .addColumn("rolling_avg_volume", "double precision")
    .addColumn("rolling_trend_pct", "double precision")
    .addColumn("rolling_trend_direction", "text")
    .addColumn("rolling_is_complete", "integer")
    .addColumn("expected_publication_date", "text", (column) => column.notNull())
    .addColumn("source_last_update_date", "text")
    .addPrimaryKeyConstraint("otc_research_snapshot_pk", ["capture_id", "symbol"]);
}

const derivedTables = [
  "otc_venue_volume",
  "otc_symbol_summary",
  "otc_venue_share",
  "otc_symbol_concentration",
  "otc_liquidity_score",
  "otc_symbol_rolling",
  "otc_research_snapshot",
] as const;

/** Tables for the OTC weekly workflow, the capture ledger, and one `_latest` view per derived table. */
export const createOtcTables = defineMigration({
  name: "0001_create_otc_tables",
  statements: (db) => [
    createCaptures(db),
    db.schema
      .createIndex("otc_captures_partition_idx")
      .on("otc_captures")
      .columns(["tier", "week_ending", "stage", "variant"]),
    createRaw(db),
    createVenueVolume(db),
    createSymbolSummary(db),
    db.schema
      .createIndex("otc_symbol_summary_symbol_idx")
      .on("otc_symbol_summary")
      .columns(["symbol", "week_ending"]),
    createVenueShare(db),
    createConcentration(db),
    createLiquidity(db),
    createRolling(db),
    db.schema
      .createIndex("otc_symbol_rolling_symbol_idx")
      .on("otc_symbol_rolling")
      .columns(["symbol", "week_ending"]),
    createSnapshot(db),
    sql`create view otc_captures_latest as
select c.* from otc_captures c
where c.capture_number = (
  select max(l.capture_number) from otc_captures l
  where l.tier = c.tier and l.week_ending = c.week_ending and l.stage = c.stage and l.variant = c.variant
)`,
    ...derivedTables.map(
      (table) =>
        sql`create view ${sql.raw(`${table}_latest`)} as select t.* from ${sql.table(table)} t join otc_captures_latest c on c.capture_id = t.capture_id`,
    ),
  ],
});
