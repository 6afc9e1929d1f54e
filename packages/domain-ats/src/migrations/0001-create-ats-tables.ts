import type { RawBuilder } from "@spine/platform";
import { defineMigration, latestViewSql, sql } from "@spine/platform";

// Frozen in time: plain SQL that both backends read alike; it never imports today's table types.

const tierWeek = "capture_id text not null, tier text not null, week_ending text not null";

const tables: Record<string, string> = {
  ats_raw_lines: `capture_id text not null, line_number bigint not null, tier_text text, week_text text,
    symbol text, issue_name text, mpid text, ats_name text, shares_text text, trades_text text,
    summary_type text, published text, broken text, line_text text, record_hash text not null,
    primary key (capture_id, line_number)`,
  ats_venue_rows: `${tierWeek}, line_number bigint not null, symbol text not null, mpid text not null,
    issue_name text, ats_name text, shares bigint not null, trades bigint not null,
    primary key (capture_id, mpid, symbol)`,
  ats_market_share: `${tierWeek}, mpid text not null, ats_name text, shares bigint not null,
    trades bigint not null, symbols integer not null, market_share double precision not null,
    share_rank integer not null, avg_trade_size double precision, primary key (capture_id, mpid)`,
  ats_symbol_hhi: `${tierWeek}, symbol text not null, ats_count integer not null, hhi double precision,
    top_mpid text, top_share double precision, primary key (capture_id, symbol)`,
  ats_share_trend: `${tierWeek}, mpid text not null, window_weeks integer not null,
    weeks_present integer not null, window_shares bigint not null, mean_share double precision not null,
    share_change double precision, primary key (capture_id, mpid)`,
  ats_snapshot: `${tierWeek}, mpid text not null, ats_name text, share_rank integer not null,
    market_share double precision not null, shares bigint not null, avg_trade_size double precision,
    symbols_led integer not null, window_weeks integer not null, mean_share double precision,
    share_change double precision, primary key (capture_id, mpid)`,
};

// The views' partition columns are given here, not read from today's capture declaration.
const captures = { domain: "ats" };

/** The ATS row tables, each keyed by capture, and a `_latest` view over each derived one. */
export const createAtsTables = defineMigration({
  name: "0001_create_ats_tables",
  statements: () => {
    const statements: RawBuilder<unknown>[] = [];
    for (const [name, body] of Object.entries(tables)) {
      statements.push(sql.raw(`create table ${name} (${body})`));
      if (name !== "ats_raw_lines")
        statements.push(latestViewSql(captures, { name, partitionColumns: ["tier", "week_ending"] }));
    }
    return statements;
  },
});
