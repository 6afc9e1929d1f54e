import type { RawBuilder } from "@spine/platform";
import { defineMigration, latestViewSql, sql } from "@spine/platform";

// Frozen in time: plain SQL that both backends read alike; it never imports today's table types.

// FINRA reports fractional share quantities on some rows since 2026: every shares column holds
// them exactly (numeric on PostgreSQL; SQLite keeps them as given). A PostgreSQL view freezes the
// type of what it reads, so each `_latest` view over an altered table is dropped and made again.
const decimalColumns: Record<string, string> = {
  ats_venue_rows: "shares",
  ats_market_share: "shares",
  ats_share_trend: "window_shares",
  ats_snapshot: "shares",
};

// The views' partition columns are given here, not read from today's capture declaration.
const captures = { domain: "ats" };

/** The ATS shares columns hold fractional shares exactly. */
export const atsFractionalShares = defineMigration({
  name: "0002_ats_fractional_shares",
  statements: (_db, backend) => {
    const statements: RawBuilder<unknown>[] = [];
    for (const [name, column] of Object.entries(decimalColumns)) {
      statements.push(sql.raw(`drop view ${name}_latest`), ...backend.holdDecimals(name, column));
      statements.push(latestViewSql(captures, { name, partitionColumns: ["tier", "week_ending"] }));
    }
    return statements;
  },
});
