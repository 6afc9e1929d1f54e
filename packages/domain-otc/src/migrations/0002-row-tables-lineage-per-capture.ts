import type { Kysely, SqlCapabilities } from "@spine/platform";
import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// Every raw row used to repeat its capture's lineage (tier, week, source file, sha256, revision,
// publication date, execution, batch, ingest time): 9 of 24 values per row, a third of the bytes
// a million-row week writes. Every venue row likewise repeated tier, week, calculation, version,
// time and execution. They now live once per capture in otc_captures (which gains calc_name and
// calc_version); the otc_raw and otc_venue_volume views give every row its lineage back, with the
// same columns as before. A venue row's record_hash is its raw row's, and avg_trade_size follows
// from its counts, so the view derives both instead of storing them.
const rowColumns = [
  "capture_id",
  "line_number",
  "tier_text",
  "symbol",
  "issue_name",
  "mpid",
  "market_participant_name",
  "share_quantity_text",
  "trade_count_text",
  "last_update_date",
  "week_text",
  "summary_type_code",
  "malformed_detail",
  "raw_line",
  "record_hash",
] as const;

function createRawRows(db: Kysely<any>, backend: SqlCapabilities) {
  const table = db.schema
    .createTable("otc_raw_rows")
    .addColumn("capture_id", "text", (column) =>
      column.notNull().references("otc_captures.capture_id").onDelete("cascade"),
    )
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
    .addColumn("raw_line", "text")
    .addColumn("record_hash", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("otc_raw_rows_pk", ["capture_id", "line_number"]);
  // The rows are stored in key order in one b-tree, not a table plus a key index.
  return backend.withoutRowid(table);
}

const columnList = sql.raw(rowColumns.join(", "));

// Most lines are exactly their fields in FINRA's download order joined by "|"; ingest stores
// raw_line as NULL only for such a line (it checks with the same formula), and the view rebuilds
// it. Any other line (other layouts, padding, quotes) is stored as read.
const standardLine = sql.raw(
  "r.tier_text || '|' || r.symbol || '|' || r.issue_name || '|' || r.market_participant_name || '|' || r.mpid || '|' || r.share_quantity_text || '|' || r.trade_count_text || '|' || r.last_update_date",
);

function createVenueVolumeRows(db: Kysely<any>, backend: SqlCapabilities) {
  const table = db.schema
    .createTable("otc_venue_volume_rows")
    .addColumn("capture_id", "text", (column) =>
      column.notNull().references("otc_captures.capture_id").onDelete("cascade"),
    )
    .addColumn("symbol", "text", (column) => column.notNull())
    .addColumn("mpid", "text", (column) => column.notNull())
    .addColumn("issue_name", "text")
    .addColumn("market_participant_name", "text")
    .addColumn("share_volume", "bigint", (column) => column.notNull())
    .addColumn("trade_count", "bigint", (column) => column.notNull())
    .addColumn("line_number", "bigint", (column) => column.notNull())
    .addPrimaryKeyConstraint("otc_venue_volume_rows_pk", ["capture_id", "symbol", "mpid"]);
  // Stored in key order, so a week's rows are read by symbol without a lookup per row.
  return backend.withoutRowid(table);
}

const venueRowColumns = sql.raw(
  "capture_id, symbol, mpid, issue_name, market_participant_name, share_volume, trade_count, line_number",
);

// Where a view's `c.*` is expanded when the view is created (backend.viewsFreezeColumns),
// otc_captures_latest must be redefined to show the new columns (appending columns is what CREATE
// OR REPLACE VIEW allows).
const capturesLatestWithNewColumns = sql`create or replace view otc_captures_latest as
select c.* from otc_captures c
where c.capture_number = (
  select max(l.capture_number) from otc_captures l
  where l.tier = c.tier and l.week_ending = c.week_ending and l.stage = c.stage and l.variant = c.variant
)`;

function venueVolumeStatements(db: Kysely<any>, backend: SqlCapabilities) {
  return [
    db.schema.alterTable("otc_captures").addColumn("calc_name", "text"),
    db.schema.alterTable("otc_captures").addColumn("calc_version", "text"),
    ...(backend.viewsFreezeColumns ? [capturesLatestWithNewColumns] : []),
    sql`update otc_captures set
  calc_name = (select min(v.calc_name) from otc_venue_volume v where v.capture_id = otc_captures.capture_id),
  calc_version = (select min(v.calc_version) from otc_venue_volume v where v.capture_id = otc_captures.capture_id)
where stage = 'normalize'`,
    sql`drop view otc_venue_volume_latest`,
    createVenueVolumeRows(db, backend),
    sql`insert into otc_venue_volume_rows (${venueRowColumns}) select ${venueRowColumns} from otc_venue_volume`,
    db.schema.dropTable("otc_venue_volume"),
    sql`create view otc_venue_volume as
select v.capture_id, c.tier, c.week_ending, c.calc_name, c.calc_version, c.created_at as computed_at, c.execution_id,
  v.symbol, v.issue_name, v.mpid, v.market_participant_name, v.share_volume, v.trade_count,
  case when v.trade_count = 0 then null
    else cast(v.share_volume as double precision) / cast(v.trade_count as double precision) end as avg_trade_size,
  v.line_number,
  (select r.record_hash from otc_raw_rows r
    where r.capture_id = c.input_capture_id and r.line_number = v.line_number) as record_hash
from otc_venue_volume_rows v join otc_captures c on c.capture_id = v.capture_id`,
    sql`create view otc_venue_volume_latest as select t.* from otc_venue_volume t join otc_captures_latest c on c.capture_id = t.capture_id`,
  ];
}

/**
 * otc_raw and otc_venue_volume become views over otc_raw_rows and otc_venue_volume_rows (the
 * per-row values) joined to their capture's lineage.
 */
export const rowTablesLineagePerCapture = defineMigration({
  name: "0002_row_tables_lineage_per_capture",
  statements: (db, backend) => [
    createRawRows(db, backend),
    sql`insert into otc_raw_rows (${columnList}) select ${columnList} from otc_raw`,
    db.schema.dropTable("otc_raw"),
    sql`create view otc_raw as
select r.capture_id, c.tier, c.week_ending, r.line_number, r.tier_text, r.symbol, r.issue_name, r.mpid,
  r.market_participant_name, r.share_quantity_text, r.trade_count_text, r.last_update_date, r.week_text,
  r.summary_type_code, r.malformed_detail, coalesce(r.raw_line, ${standardLine}) as raw_line, r.record_hash, c.source_file, c.source_sha256,
  c.source_revision, c.source_last_update_date, c.execution_id, c.batch_id, c.created_at as ingested_at
from otc_raw_rows r join otc_captures c on c.capture_id = r.capture_id`,
    ...venueVolumeStatements(db, backend),
  ],
});
