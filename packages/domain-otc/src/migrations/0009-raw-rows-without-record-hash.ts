import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// Every raw row stored a record hash: the first 32 hex digits of the sha256 of its week, tier,
// symbol, MPID and counts, all of which the row holds already. Nothing read it but the two views
// below (the venue view through a lookup per row), and computing and writing it cost about a fifth
// of a week's ingest and 33 of a raw row's bytes. It goes; `recordHashOf` in @spine/domain-otc
// computes the same value from a row. The views are dropped first (a column a view reads cannot be
// dropped) and created again as migration 0006 gave them, without record_hash.

const standardLine =
  "r.tier_text || '|' || r.symbol || '|' || r.issue_name || '|' || r.market_participant_name || '|' || r.mpid || '|' || r.share_quantity_text || '|' || r.trade_count_text || '|' || r.last_update_date";

const views = [
  sql.raw(`create view otc_raw as
select r.capture_id, c.tier, c.week_ending, r.line_number, r.tier_text, r.symbol, r.issue_name, r.mpid,
  r.market_participant_name, r.share_quantity_text, r.trade_count_text, r.last_update_date, r.week_text,
  r.summary_type_code, r.malformed_detail, coalesce(r.raw_line, ${standardLine}) as raw_line, c.source_file, c.source_sha256,
  c.source_revision, c.source_last_update_date, c.execution_id, c.batch_id, c.created_at as ingested_at
from otc_raw_rows r join otc_captures c on c.capture_id = r.capture_id`),
  sql.raw(`create view otc_venue_volume as
select v.capture_id, c.tier, c.week_ending, c.calc_name, c.calc_version, c.created_at as computed_at, c.execution_id,
  v.symbol, v.issue_name, v.mpid, v.market_participant_name, v.share_volume, v.trade_count,
  case when v.trade_count = 0 then null
    else cast(v.share_volume as double precision) / cast(v.trade_count as double precision) end as avg_trade_size,
  v.line_number
from otc_venue_volume_rows v join otc_captures c on c.capture_id = v.capture_id`),
  sql.raw(`create view otc_venue_volume_latest as select t.* from otc_venue_volume t
join core_captures_latest c on c.capture_id = t.capture_id`),
];

/** otc_raw_rows no longer stores a record hash; otc_raw and otc_venue_volume no longer show one. */
export const rawRowsWithoutRecordHash = defineMigration({
  name: "0009_otc_raw_rows_without_record_hash",
  statements: () => [
    sql.raw("drop view otc_venue_volume_latest"),
    sql.raw("drop view otc_venue_volume"),
    sql.raw("drop view otc_raw"),
    sql.raw("alter table otc_raw_rows drop column record_hash"),
    ...views,
  ],
});
