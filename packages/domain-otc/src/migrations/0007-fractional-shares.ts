import type { RawBuilder } from "@spine/platform";
import { defineMigration, sql } from "@spine/platform";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

// FINRA reports fractional share quantities on some rows since 2026: every share volume column
// holds them exactly (numeric on PostgreSQL; SQLite replaces each by a numeric column of the same
// name). A view over an altered table is dropped first and created again after, with the
// definition migration 0006 gave it (PostgreSQL freezes the types a view reads).

const decimalColumns: ReadonlyArray<readonly [string, string]> = [
  ["otc_venue_volume_rows", "share_volume"],
  ["otc_symbol_summary", "total_volume"],
  ["otc_venue_share", "total_volume"],
  ["otc_symbol_rolling", "min_volume"],
  ["otc_symbol_rolling", "max_volume"],
  ["otc_research_snapshot", "total_volume"],
];

const latestViewTables = [
  "otc_symbol_summary",
  "otc_venue_share",
  "otc_symbol_rolling",
  "otc_research_snapshot",
];

const canonicalKey = (alias: string) =>
  `'{"tier":' || json_quote(${alias}.tier) || ',"week_ending":' || json_quote(${alias}.week_ending) || '}'`;

const droppedViews = [
  ...latestViewTables.map((table) => `${table}_latest`),
  "otc_venue_volume_latest",
  "otc_venue_volume",
];

const views = [
  sql.raw(`create view otc_venue_volume as
select v.capture_id, c.tier, c.week_ending, c.calc_name, c.calc_version, c.created_at as computed_at, c.execution_id,
  v.symbol, v.issue_name, v.mpid, v.market_participant_name, v.share_volume, v.trade_count,
  case when v.trade_count = 0 then null
    else cast(v.share_volume as double precision) / cast(v.trade_count as double precision) end as avg_trade_size,
  v.line_number,
  (select r.record_hash from otc_raw_rows r
    where r.capture_id = c.input_capture_id and r.line_number = v.line_number) as record_hash
from otc_venue_volume_rows v join otc_captures c on c.capture_id = v.capture_id`),
  sql.raw(`create view otc_venue_volume_latest as select t.* from otc_venue_volume t
join core_captures_latest c on c.capture_id = t.capture_id`),
  ...latestViewTables.map((table) =>
    sql.raw(`create view ${table}_latest as select t.* from ${table} t
join core_captures_latest c on c.capture_id = t.capture_id and c.domain = 'otc'
  and c.partition_key = ${canonicalKey("t")}`),
  ),
];

/** The OTC share volume columns hold fractional shares exactly. */
export const otcFractionalShares = defineMigration({
  name: "0007_otc_fractional_shares",
  statements: (_db, backend) => {
    const statements: RawBuilder<unknown>[] = droppedViews.map((view) => sql.raw(`drop view ${view}`));
    for (const [table, column] of decimalColumns) statements.push(...backend.holdDecimals(table, column));
    return [...statements, ...views];
  },
});
