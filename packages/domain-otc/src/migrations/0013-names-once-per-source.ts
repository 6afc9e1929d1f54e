import type { Kysely, SqlCapabilities } from "@spine/platform";
import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// A FINRA file names an issue on every one of its venue lines and a venue on every one of its
// symbol lines: about 40 of a venue row's bytes. Ingest now records, per raw capture, the name of
// each symbol and MPID whose lines all carry one and the same non-NULL name (createSharedValues),
// and normalize's set-based copy stores NULL in the venue row for such names; the view puts them
// back through the normalize capture's input capture. Rows keep their own name wherever the
// file's lines disagree or a name is missing, and every row written before this migration keeps
// its own: readers see exactly the names the file's lines held.

function namesTable(db: Kysely<any>, backend: SqlCapabilities, table: string, key: string, name: string) {
  return backend.withoutRowid(
    db.schema
      .createTable(table)
      .addColumn("capture_id", "text", (column) => column.notNull())
      .addColumn(key, "text", (column) => column.notNull())
      .addColumn(name, "text", (column) => column.notNull())
      .addPrimaryKeyConstraint(`${table}_key`, ["capture_id", key]),
  );
}

/** Issue and participant names once per raw capture and key; otc_venue_volume shows them on every row. */
export const namesOncePerSource = defineMigration({
  name: "0013_otc_names_once_per_source",
  statements: (db, backend) => [
    namesTable(db, backend, "otc_issue_names", "symbol", "issue_name"),
    namesTable(db, backend, "otc_participant_names", "mpid", "market_participant_name"),
    sql.raw("drop view otc_venue_volume_latest"),
    sql.raw("drop view otc_venue_volume"),
    sql.raw(`create view otc_venue_volume as
select v.capture_id, c.tier, c.week_ending, c.calc_name, c.calc_version, c.created_at as computed_at, c.execution_id,
  v.symbol, coalesce(v.issue_name, i.issue_name) as issue_name, v.mpid,
  coalesce(v.market_participant_name, p.market_participant_name) as market_participant_name, v.share_volume, v.trade_count,
  case when v.trade_count = 0 then null
    else cast(v.share_volume as double precision) / cast(v.trade_count as double precision) end as avg_trade_size,
  v.line_number
from otc_venue_volume_rows v join otc_captures c on c.capture_id = v.capture_id
left join otc_issue_names i on i.capture_id = c.input_capture_id and i.symbol = v.symbol
left join otc_participant_names p on p.capture_id = c.input_capture_id and p.mpid = v.mpid`),
    sql.raw(`create view otc_venue_volume_latest as select t.* from otc_venue_volume t
join core_captures_latest c on c.capture_id = t.capture_id`),
  ],
});
