import type { SqlCapabilities } from "@spine/platform";
import { sharedValueOf, sql } from "@spine/platform";
import { CALCULATIONS } from "../../calculations/calculation-versions.js";
import type { OtcDatabase } from "./otc-database.js";
import { issueNames } from "./otc-plain-copy.js";

/** Everything the snapshot insert needs besides the database. */
export interface SnapshotInsert {
  readonly captureId: string;
  /** The week's aggregate capture (summary, concentration and liquidity rows). */
  readonly aggregateCaptureId: string;
  /** The capture holding the liquidity score of the chosen version (the aggregate's for the current one). */
  readonly liquidityCaptureId: string;
  /** The normalize capture the aggregate read (issue names). */
  readonly normalizeCaptureId: string;
  /** The rolling capture of this window, or null when none was computed. */
  readonly rollingCaptureId: string | null;
  readonly windowWeeks: number;
  readonly expectedPublicationDate: string;
  readonly sourceLastUpdateDate: string | null;
  /** The scope's SQL capabilities (byte order). */
  readonly capabilities: SqlCapabilities;
}

// Casts let PostgreSQL type parameters that sit in an INSERT ... SELECT list.
function text(value: string | null) {
  return sql`cast(${value} as text)`;
}

/**
 * The symbol's issue name: several venues may spell it differently, so the smallest non-NULL one
 * (byte order). The aggregate stores it in the summary (migration 0005); for a summary without
 * one (written before 0005, or no venue row has a name) the venue rows of the symbol are read by
 * their (capture_id, symbol) key, which gives the same answer (a name kept once, migration 0013, first).
 */
function issueName(insert: SnapshotInsert) {
  const kept = sharedValueOf(issueNames, insert.normalizeCaptureId, sql`s.symbol`);
  return sql`coalesce(s.issue_name, ${kept}, (select min(${insert.capabilities.byteOrder(sql`v.issue_name`)})
    from otc_venue_volume_rows v where v.capture_id = ${insert.normalizeCaptureId} and v.symbol = s.symbol))`;
}

/**
 * Writes one otc_research_snapshot_rows row per symbol of the week's aggregate capture, joining its
 * concentration and liquidity score, the rolling metrics of the window (null columns when absent)
 * and its issue name. Every join is on (capture_id, symbol), a primary key, so nothing is scanned
 * twice.
 */
export async function insertSnapshotRows(db: OtcDatabase, insert: SnapshotInsert): Promise<void> {
  const { researchSnapshot } = CALCULATIONS;
  await sql`
insert into otc_research_snapshot_rows (
  capture_id, calc_name, calc_version,
  symbol, issue_name, total_volume, total_trades, venue_count, avg_trade_size, hhi, top_mpid, top_share,
  liquidity_score, rolling_window_weeks, rolling_weeks_available, rolling_avg_volume, rolling_trend_pct,
  rolling_trend_direction, rolling_is_complete, expected_publication_date, source_last_update_date
)
select
  ${text(insert.captureId)}, ${text(researchSnapshot.name)}, ${text(researchSnapshot.version)},
  s.symbol, ${issueName(insert)}, s.total_volume, s.total_trades, s.venue_count, s.avg_trade_size, c.hhi, c.top_mpid, c.top_share,
  l.liquidity_score, r.window_weeks, r.weeks_available, r.avg_volume, r.trend_pct,
  r.trend_direction, r.is_complete, ${text(insert.expectedPublicationDate)}, ${text(insert.sourceLastUpdateDate)}
from otc_symbol_summary_rows s
left join otc_symbol_concentration_rows c on c.capture_id = s.capture_id and c.symbol = s.symbol
left join otc_liquidity_score_rows l on l.capture_id = ${text(insert.liquidityCaptureId)} and l.symbol = s.symbol
left join otc_symbol_rolling_rows r on r.capture_id = ${text(insert.rollingCaptureId)} and r.symbol = s.symbol
  and r.window_weeks = cast(${insert.windowWeeks} as integer)
where s.capture_id = ${insert.aggregateCaptureId}`.execute(db);
}
