import type { RawBuilder } from "@spine/platform";
import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// The OTC capture ledger moves into the platform's core_captures (platform migration 0002), which
// keys a capture's partition by canonical JSON. otc_captures and otc_captures_latest become views
// over it with their old columns; an expression index on core_captures keeps OTC's tier and week
// lookups seeks. The row tables lose their foreign key to otc_captures: a rollback now deletes
// their rows explicitly, and bulk loads no longer check every row against the ledger.

const canonicalKey = (alias: string) =>
  `'{"tier":' || json_quote(${alias}.tier) || ',"week_ending":' || json_quote(${alias}.week_ending) || '}'`;

const latestViewTables = [
  "otc_symbol_summary",
  "otc_venue_share",
  "otc_symbol_concentration",
  "otc_liquidity_score",
  "otc_symbol_rolling",
  "otc_research_snapshot",
] as const;

const droppedViews = [
  ...latestViewTables.map((table) => `${table}_latest`),
  "otc_venue_volume_latest",
  "otc_venue_volume",
  "otc_raw",
  "otc_captures_latest",
];

const moveCaptures = [
  sql`insert into core_captures (capture_id, domain, partition_key, stage, variant, capture_number, input_capture_id,
  calc_name, calc_version, source_file, source_sha256, source_revision, publication_date, details, row_count,
  execution_id, batch_id, created_at)
select o.capture_id, 'otc', ${sql.raw(canonicalKey("o"))}, o.stage, o.variant, o.capture_number, o.input_capture_id,
  o.calc_name, o.calc_version, o.source_file, o.source_sha256, o.source_revision, o.source_last_update_date,
  case when o.week_rule is null then null else '{"week_rule":' || json_quote(o.week_rule) || '}' end, o.row_count,
  o.execution_id, o.batch_id, o.created_at
from otc_captures o`,
  sql`insert into core_capture_inputs (capture_id, position, input_capture_id)
select capture_id, 0, input_capture_id from otc_captures where input_capture_id is not null`,
  sql`insert into core_capture_numbers (domain, partition_key, stage, variant, last_number)
select 'otc', ${sql.raw(canonicalKey("o"))}, o.stage, o.variant, max(o.capture_number)
from otc_captures o group by o.tier, o.week_ending, o.stage, o.variant`,
];

// Each row table's columns as migrations 0001-0005 left them, without the reference to otc_captures.
const derived = `"capture_id" text not null, "tier" text not null, "week_ending" text not null, "calc_name" text not null, "calc_version" text not null, "computed_at" text not null, "execution_id" text not null`;
const rowTables: ReadonlyArray<readonly [string, string, string]> = [
  [
    "otc_raw_rows",
    `"capture_id" text not null, "line_number" bigint not null, "tier_text" text, "symbol" text, "issue_name" text, "mpid" text, "market_participant_name" text, "share_quantity_text" text, "trade_count_text" text, "last_update_date" text, "week_text" text, "summary_type_code" text, "malformed_detail" text, "raw_line" text, "record_hash" text not null, constraint "otc_raw_rows_pk" primary key ("capture_id", "line_number")`,
    " without rowid",
  ],
  [
    "otc_raw_metadata",
    `"capture_id" text not null, "position" integer not null, "tier_text" text, "week_text" text, "last_update_date" text, "summary_type_code" text, "row_count" bigint not null, "clean_row_count" bigint not null, constraint "otc_raw_metadata_pk" primary key ("capture_id", "position")`,
    "",
  ],
  [
    "otc_venue_volume_rows",
    `"capture_id" text not null, "symbol" text not null, "mpid" text not null, "issue_name" text, "market_participant_name" text, "share_volume" bigint not null, "trade_count" bigint not null, "line_number" bigint not null, constraint "otc_venue_volume_rows_pk" primary key ("capture_id", "symbol", "mpid")`,
    " without rowid",
  ],
  [
    "otc_symbol_summary",
    `${derived}, "symbol" text not null, "total_volume" bigint not null, "total_trades" bigint not null, "venue_count" integer not null, "avg_trade_size" double precision, "issue_name" text, constraint "otc_symbol_summary_pk" primary key ("capture_id", "symbol")`,
    "",
  ],
  [
    "otc_venue_share",
    `${derived}, "mpid" text not null, "market_participant_name" text, "total_volume" bigint not null, "total_trades" bigint not null, "symbol_count" integer not null, "market_share" double precision not null, "rank" integer not null, constraint "otc_venue_share_pk" primary key ("capture_id", "mpid")`,
    "",
  ],
  [
    "otc_symbol_concentration",
    `${derived}, "symbol" text not null, "venue_count" integer not null, "hhi" double precision, "top_mpid" text, "top_share" double precision, constraint "otc_symbol_concentration_pk" primary key ("capture_id", "symbol")`,
    "",
  ],
  [
    "otc_liquidity_score",
    `${derived}, "symbol" text not null, "avg_trade_size" double precision, "venue_count" integer not null, "liquidity_score" double precision, constraint "otc_liquidity_score_pk" primary key ("capture_id", "symbol")`,
    "",
  ],
  [
    "otc_symbol_rolling",
    `${derived}, "window_weeks" integer not null, "symbol" text not null, "weeks_available" integer not null, "weeks_traded" integer not null, "avg_volume" double precision not null, "avg_trades" double precision not null, "min_volume" bigint not null, "max_volume" bigint not null, "trend_pct" double precision, "trend_direction" text not null, "is_complete" integer not null, constraint "otc_symbol_rolling_pk" primary key ("capture_id", "symbol")`,
    "",
  ],
  [
    "otc_research_snapshot",
    `${derived}, "symbol" text not null, "issue_name" text, "total_volume" bigint not null, "total_trades" bigint not null, "venue_count" integer not null, "avg_trade_size" double precision, "hhi" double precision, "top_mpid" text, "top_share" double precision, "liquidity_score" double precision, "rolling_window_weeks" integer, "rolling_weeks_available" integer, "rolling_avg_volume" double precision, "rolling_trend_pct" double precision, "rolling_trend_direction" text, "rolling_is_complete" integer, "expected_publication_date" text not null, "source_last_update_date" text, constraint "otc_research_snapshot_pk" primary key ("capture_id", "symbol")`,
    "",
  ],
];

// Where a constraint cannot be dropped (SQLite), each table is created anew (in the layout SQLite
// gave it, hence `without rowid`), filled, swapped in, and its indexes made again. (Dropping
// otc_captures with the references in place would cascade-delete every row.)
function rebuildWithoutReferences(): RawBuilder<unknown>[] {
  return [
    ...rowTables.flatMap(([table, columns, suffix]) => [
      sql.raw(`create table "${table}_rebuilt" (${columns})${suffix}`),
      sql.raw(`insert into "${table}_rebuilt" select * from "${table}"`),
      sql.raw(`drop table "${table}"`),
      sql.raw(`alter table "${table}_rebuilt" rename to "${table}"`),
    ]),
    sql`create index "otc_symbol_summary_symbol_idx" on "otc_symbol_summary" ("symbol", "week_ending")`,
    sql`create index "otc_symbol_rolling_symbol_idx" on "otc_symbol_rolling" ("symbol", "week_ending")`,
  ];
}

function dropReferences(): RawBuilder<unknown>[] {
  return rowTables.map(([table]) =>
    sql.raw(`alter table "${table}" drop constraint "${table}_capture_id_fkey"`),
  );
}

const captureColumns = `c.capture_id, json_extract(c.partition_key, '$.tier') as tier,
  json_extract(c.partition_key, '$.week_ending') as week_ending, c.stage, c.variant, c.capture_number,
  c.input_capture_id, c.source_file, c.source_sha256, c.source_revision, c.publication_date as source_last_update_date,
  json_extract(c.details, '$.week_rule') as week_rule, c.row_count, c.execution_id, c.batch_id, c.created_at,
  c.calc_name, c.calc_version`;

// The standard FINRA line rebuilt from its fields, as in migration 0002.
const standardLine =
  "r.tier_text || '|' || r.symbol || '|' || r.issue_name || '|' || r.market_participant_name || '|' || r.mpid || '|' || r.share_quantity_text || '|' || r.trade_count_text || '|' || r.last_update_date";

const views = [
  sql.raw(`create view otc_captures as
select ${captureColumns}
from core_captures c where c.domain = 'otc'`),
  sql.raw(`create view otc_captures_latest as
select ${captureColumns}
from core_captures_latest c where c.domain = 'otc'`),
  sql.raw(`create view otc_raw as
select r.capture_id, c.tier, c.week_ending, r.line_number, r.tier_text, r.symbol, r.issue_name, r.mpid,
  r.market_participant_name, r.share_quantity_text, r.trade_count_text, r.last_update_date, r.week_text,
  r.summary_type_code, r.malformed_detail, coalesce(r.raw_line, ${standardLine}) as raw_line, r.record_hash, c.source_file, c.source_sha256,
  c.source_revision, c.source_last_update_date, c.execution_id, c.batch_id, c.created_at as ingested_at
from otc_raw_rows r join otc_captures c on c.capture_id = r.capture_id`),
  sql.raw(`create view otc_venue_volume as
select v.capture_id, c.tier, c.week_ending, c.calc_name, c.calc_version, c.created_at as computed_at, c.execution_id,
  v.symbol, v.issue_name, v.mpid, v.market_participant_name, v.share_volume, v.trade_count,
  case when v.trade_count = 0 then null
    else cast(v.share_volume as double precision) / cast(v.trade_count as double precision) end as avg_trade_size,
  v.line_number,
  (select r.record_hash from otc_raw_rows r
    where r.capture_id = c.input_capture_id and r.line_number = v.line_number) as record_hash
from otc_venue_volume_rows v join otc_captures c on c.capture_id = v.capture_id`),
  // Its tier and week come from its capture already, so a partition filter seeks through them.
  sql.raw(`create view otc_venue_volume_latest as select t.* from otc_venue_volume t
join core_captures_latest c on c.capture_id = t.capture_id`),
  // Joined on the partition key rebuilt from the row's tier and week (as migration 0003 joined on
  // tier and week): a filter on them reaches core_captures' partition index first.
  ...latestViewTables.map((table) =>
    sql.raw(`create view ${table}_latest as select t.* from ${table} t
join core_captures_latest c on c.capture_id = t.capture_id and c.domain = 'otc'
  and c.partition_key = ${canonicalKey("t")}`),
  ),
];

/** Moves otc_captures into the platform's core_captures and recreates the OTC views over it. */
export const capturesOnPlatform = defineMigration({
  name: "0006_captures_on_platform",
  statements: (_db, backend) => [
    ...droppedViews.map((view) => sql.raw(`drop view ${view}`)),
    ...moveCaptures,
    ...(backend.canDropConstraints ? dropReferences() : rebuildWithoutReferences()),
    sql`drop table otc_captures`,
    sql`create index otc_captures_partition_idx on core_captures (domain, json_extract(partition_key, '$.tier'),
  json_extract(partition_key, '$.week_ending'), stage, variant, capture_number)`,
    ...views,
  ],
});
