import type { GroupedSums, RawBuilder, SqlCapabilities } from "@spine/platform";
import { joinSharedValues, sharedValueOf, sql } from "@spine/platform";
import { CALCULATIONS } from "../../calculations/calculation-versions.js";
import { issueNames, participantNames } from "./otc-plain-copy.js";

/** The capture an aggregate writes and the normalize capture it reads. */
export interface AggregateTarget {
  readonly captureId: string;
  readonly inputCaptureId: string;
  /** The scope's SQL capabilities (byte order, grouped sums). */
  readonly capabilities: SqlCapabilities;
}

// Zero-activity rows are real data but mean "did not trade": they never count as a venue or symbol.
const active = sql`case when share_volume > 0 or trade_count > 0 then 1 else 0 end`;
const asDouble = (expression: RawBuilder<unknown>) => sql`cast(${expression} as double precision)`;

// The capture holds the tier, week, time and execution (migration 0008); a row names its calculation.
function lineage(target: AggregateTarget, calculation: { name: string; version: string }) {
  return sql`${target.captureId}, ${calculation.name}, ${calculation.version}`;
}

const derivedColumns = sql.raw("capture_id, calc_name, calc_version");

/**
 * Scratch table of per-symbol totals, filled by the one pass over the week's venue rows that both
 * the symbol summary and the concentration read (two passes cost twice as much on a 1M-row week).
 * SQLite reads the rows in (capture_id, symbol, mpid) key order, so the grouping sorts nothing
 * (only the top venue sorts each symbol's few rows).
 * Squares are doubles because v^2 overflows bigint for v > 3e9.
 */
export const symbolTotalsTable = "otc_symbol_totals_scratch";

export function createSymbolTotals(target: AggregateTarget) {
  return sql`create temporary table ${sql.table(symbolTotalsTable)} as
select symbol, ${target.capabilities.exactSum(sql`share_volume`)} as total_volume, sum(trade_count) as total_trades, sum(${active}) as venue_count,
  max(share_volume) as top_volume, sum(${asDouble(sql`share_volume`)} * ${asDouble(sql`share_volume`)}) as squares,
  ${target.capabilities.firstBy(sql`mpid`, sql`share_volume desc, ${target.capabilities.byteOrder(sql`mpid`)}`)} as top_mpid,
  min(${target.capabilities.byteOrder(sql`issue_name`)}) as issue_name,
  sum(case when share_volume > 0 and trade_count = 0 then 1 else 0 end) as shares_only_rows,
  sum(case when trade_count > 0 and share_volume = 0 then 1 else 0 end) as trades_only_rows
from otc_venue_volume_rows where capture_id = ${target.inputCaptureId}
group by symbol`;
}

export function dropSymbolTotals() {
  return sql`drop table ${sql.table(symbolTotalsTable)}`;
}

/** From the totals pass: every venue row's volume (reconciliation), and rows whose shares and trades disagree. */
export function sumOfSymbolTotals(capabilities: SqlCapabilities) {
  type Total = number | string | null;
  return sql<{
    total: Total;
    shares_only: Total;
    trades_only: Total;
  }>`select coalesce(${capabilities.exactSum(sql`total_volume`)}, 0) as total,
  coalesce(sum(shares_only_rows), 0) as shares_only, coalesce(sum(trades_only_rows), 0) as trades_only
from ${sql.table(symbolTotalsTable)}`;
}

/**
 * Per symbol: volume, trades, active venues, average trade size (mirrors computeSymbolSummaries),
 * and the issue name the research snapshot shows (the smallest non-NULL spelling, byte order).
 */
export function insertSymbolSummary(target: AggregateTarget) {
  const shared = joinSharedValues(issueNames, target.inputCaptureId, "shared", sql`totals.symbol`);
  return sql`insert into otc_symbol_summary_rows (${derivedColumns}, symbol, total_volume, total_trades, venue_count, avg_trade_size, issue_name)
select ${lineage(target, CALCULATIONS.symbolSummary)}, totals.symbol, totals.total_volume, totals.total_trades, totals.venue_count,
  case when totals.total_trades = 0 then null else ${asDouble(sql`totals.total_volume`)} / totals.total_trades end,
  coalesce(${shared.value}, totals.issue_name)
from ${sql.table(symbolTotalsTable)} totals ${shared.join}`;
}

/**
 * Per-venue totals: volume, trades, active symbols and the name (min()'s meaning: the smallest
 * non-NULL spelling, in byte order), computed by the backend's fastest grouped sum.
 */
export const venueTotalsTable = "otc_venue_totals_scratch";

function venueTotals(target: AggregateTarget): GroupedSums {
  return target.capabilities.groupedSums({
    scratchTable: venueTotalsTable,
    from: sql`otc_venue_volume_rows`,
    where: sql`capture_id = ${target.inputCaptureId}`,
    key: { name: "mpid", expression: sql`mpid` },
    smallest: [{ name: "participant_name", expression: sql`market_participant_name` }],
    sums: [
      { name: "total_volume", expression: sql`share_volume`, decimal: true },
      { name: "total_trades", expression: sql`trade_count` },
      { name: "symbol_count", expression: active },
    ],
  });
}

/** Statements that prepare the venue totals, before {@link insertVenueShare}. */
export function createVenueTotals(target: AggregateTarget) {
  return venueTotals(target).prepare;
}

/** Statements that drop what {@link createVenueTotals} made. */
export function dropVenueTotals(target: AggregateTarget) {
  return venueTotals(target).cleanUp;
}

/**
 * Per venue over the tier-week: share of volume and rank (mirrors computeVenueShares). The tier-week
 * total is a window sum over the few venue rows, not a second scan of every volume row.
 */
export function insertVenueShare(target: AggregateTarget) {
  const tierWeekTotal = sql`sum(venue.total_volume) over ()`;
  return sql`insert into otc_venue_share_rows (${derivedColumns}, mpid, market_participant_name, total_volume, total_trades, symbol_count, market_share, rank)
select ${lineage(target, CALCULATIONS.venueShare)}, venue.mpid,
  coalesce(${sharedValueOf(participantNames, target.inputCaptureId, sql`venue.mpid`)}, venue.participant_name), venue.total_volume, venue.total_trades, venue.symbol_count,
  case when ${tierWeekTotal} = 0 then 0 else ${asDouble(sql`venue.total_volume`)} / ${asDouble(tierWeekTotal)} end,
  row_number() over (order by venue.total_volume desc, ${target.capabilities.byteOrder(sql`venue.mpid`)})
from (${venueTotals(target).rows}) venue`;
}

/**
 * Per symbol: HHI over venue shares and the top venue (mirrors computeSymbolConcentration), from
 * the symbol totals. hhi = sum(v^2) / total^2 equals the pure sum of (v / total)^2 up to rounding
 * (~1e-16). The top venue is the byte-order-first mpid among the symbol's rows holding its largest
 * volume, picked in the totals pass: a join back to the week's rows took 0.57 s of a 1M-row week on
 * PostgreSQL (this insert now 0.2 s, the totals pass as before) and 0.30-0.37 s on SQLite (where
 * the pick adds 0.20-0.28 s to the totals pass).
 */
export function insertSymbolConcentration(target: AggregateTarget) {
  const total = asDouble(sql`totals.total_volume`);
  const whenTraded = (expression: RawBuilder<unknown>) =>
    sql`case when totals.total_volume = 0 then null else ${expression} end`;
  return sql`insert into otc_symbol_concentration_rows (${derivedColumns}, symbol, venue_count, hhi, top_mpid, top_share)
select ${lineage(target, CALCULATIONS.symbolConcentration)}, totals.symbol, totals.venue_count,
  ${whenTraded(sql`totals.squares / (${total} * ${total})`)},
  ${whenTraded(sql`totals.top_mpid`)},
  ${whenTraded(sql`${asDouble(sql`totals.top_volume`)} / ${total}`)}
from ${sql.table(symbolTotalsTable)} totals`;
}

/** Liquidity score v1 = average trade size x active venue count, from this capture's summary. */
export function insertLiquidityScore(target: AggregateTarget) {
  return sql`insert into otc_liquidity_score_rows (${derivedColumns}, symbol, avg_trade_size, venue_count, liquidity_score)
select ${lineage(target, CALCULATIONS.liquidityScore)}, symbol, avg_trade_size, venue_count, avg_trade_size * venue_count
from otc_symbol_summary_rows where capture_id = ${target.captureId}`;
}
