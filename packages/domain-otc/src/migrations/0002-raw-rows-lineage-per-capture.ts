import type { Kysely } from "@spine/platform";
import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// Every raw row used to repeat its capture's lineage (tier, week, source file, sha256, revision,
// publication date, execution, batch, ingest time): 9 of 24 values per row, a third of the bytes
// a million-row week writes. They now live once per capture in otc_captures; the otc_raw view
// gives every row its lineage back, with the same columns as before.
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

function createRawRows(db: Kysely<any>, dialect: string) {
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
    .addColumn("raw_line", "text", (column) => column.notNull())
    .addColumn("record_hash", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("otc_raw_rows_pk", ["capture_id", "line_number"]);
  // SQLite: the rows are stored in key order in one b-tree, not a table plus a key index.
  return dialect === "sqlite" ? table.modifyEnd(sql`without rowid`) : table;
}

const columnList = sql.raw(rowColumns.join(", "));

/** otc_raw becomes a view over otc_raw_rows (the per-line values) joined to its capture's lineage. */
export const rawRowsLineagePerCapture = defineMigration({
  name: "0002_raw_rows_lineage_per_capture",
  statements: (db, dialect) => [
    createRawRows(db, dialect),
    sql`insert into otc_raw_rows (${columnList}) select ${columnList} from otc_raw`,
    db.schema.dropTable("otc_raw"),
    sql`create view otc_raw as
select r.capture_id, c.tier, c.week_ending, r.line_number, r.tier_text, r.symbol, r.issue_name, r.mpid,
  r.market_participant_name, r.share_quantity_text, r.trade_count_text, r.last_update_date, r.week_text,
  r.summary_type_code, r.malformed_detail, r.raw_line, r.record_hash, c.source_file, c.source_sha256,
  c.source_revision, c.source_last_update_date, c.execution_id, c.batch_id, c.created_at as ingested_at
from otc_raw_rows r join otc_captures c on c.capture_id = r.capture_id`,
  ],
});
