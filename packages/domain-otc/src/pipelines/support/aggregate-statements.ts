import type { DatabaseDialect, RawBuilder } from "@spine/platform";
import { sql } from "@spine/platform";
import { CALCULATIONS } from "../../calculations/calculation-versions.js";
import { byteOrder } from "./byte-order.js";

/** Identity columns every aggregate row repeats. */
export interface AggregateTarget {
  readonly captureId: string;
  readonly inputCaptureId: string;
  readonly tier: string;
  readonly weekEnding: string;
  readonly computedAt: string;
  readonly executionId: string;
  readonly dialect: DatabaseDialect;
}

// Zero-activity rows are real data but mean "did not trade": they never count as a venue or symbol.
const active = sql`case when share_volume > 0 or trade_count > 0 then 1 else 0 end`;
const asDouble = (expression: RawBuilder<unknown>) => sql`cast(${expression} as double precision)`;

function lineage(target: AggregateTarget, calculation: { name: string; version: string }) {
  return sql`${target.captureId}, ${target.tier}, ${target.weekEnding}, ${calculation.name}, ${calculation.version}, ${target.computedAt}, ${target.executionId}`;
}

const derivedColumns = sql.raw(
  "capture_id, tier, week_ending, calc_name, calc_version, computed_at, execution_id",
);

/** Per symbol: volume, trades, active venues, average trade size (mirrors computeSymbolSummaries). */
export function insertSymbolSummary(target: AggregateTarget) {
  return sql`insert into otc_symbol_summary (${derivedColumns}, symbol, total_volume, total_trades, venue_count, avg_trade_size)
select ${lineage(target, CALCULATIONS.symbolSummary)}, symbol, sum(share_volume), sum(trade_count), sum(${active}),
  case when sum(trade_count) = 0 then null else ${asDouble(sql`sum(share_volume)`)} / sum(trade_count) end
from otc_venue_volume where capture_id = ${target.inputCaptureId}
group by symbol`;
}

/** Per venue over the tier-week: share of volume and rank (mirrors computeVenueShares). */
export function insertVenueShare(target: AggregateTarget) {
  return sql`insert into otc_venue_share (${derivedColumns}, mpid, market_participant_name, total_volume, total_trades, symbol_count, market_share, rank)
select ${lineage(target, CALCULATIONS.venueShare)}, venue.mpid, venue.participant_name, venue.total_volume, venue.total_trades, venue.symbol_count,
  case when tier_week.total = 0 then 0 else ${asDouble(sql`venue.total_volume`)} / tier_week.total end,
  row_number() over (order by venue.total_volume desc, ${byteOrder(sql`venue.mpid`, target.dialect)})
from (
  select mpid, min(${byteOrder(sql`market_participant_name`, target.dialect)}) as participant_name, sum(share_volume) as total_volume,
    sum(trade_count) as total_trades, sum(${active}) as symbol_count
  from otc_venue_volume where capture_id = ${target.inputCaptureId} group by mpid
) venue
cross join (select sum(share_volume) as total from otc_venue_volume where capture_id = ${target.inputCaptureId}) tier_week`;
}

/** Per symbol: HHI over venue shares and the top venue (mirrors computeSymbolConcentration). */
export function insertSymbolConcentration(target: AggregateTarget) {
  return sql`insert into otc_symbol_concentration (${derivedColumns}, symbol, venue_count, hhi, top_mpid, top_share)
select ${lineage(target, CALCULATIONS.symbolConcentration)}, ranked.symbol, max(ranked.venue_count),
  case when max(ranked.symbol_total) = 0 then null else sum(ranked.venue_share * ranked.venue_share) end,
  case when max(ranked.symbol_total) = 0 then null else max(case when ranked.position = 1 then ranked.mpid end) end,
  case when max(ranked.symbol_total) = 0 then null else max(case when ranked.position = 1 then ranked.venue_share end) end
from (
  select volume.symbol, volume.mpid, totals.symbol_total, totals.venue_count,
    case when totals.symbol_total = 0 then 0 else ${asDouble(sql`volume.share_volume`)} / totals.symbol_total end as venue_share,
    row_number() over (partition by volume.symbol order by volume.share_volume desc, ${byteOrder(sql`volume.mpid`, target.dialect)}) as position
  from otc_venue_volume volume
  join (
    select symbol, sum(share_volume) as symbol_total, sum(${active}) as venue_count
    from otc_venue_volume where capture_id = ${target.inputCaptureId} group by symbol
  ) totals on totals.symbol = volume.symbol
  where volume.capture_id = ${target.inputCaptureId}
) ranked
group by ranked.symbol`;
}

/** Liquidity score v1 = average trade size x active venue count, from this capture's summary. */
export function insertLiquidityScore(target: AggregateTarget) {
  return sql`insert into otc_liquidity_score (${derivedColumns}, symbol, avg_trade_size, venue_count, liquidity_score)
select ${lineage(target, CALCULATIONS.liquidityScore)}, symbol, avg_trade_size, venue_count, avg_trade_size * venue_count
from otc_symbol_summary where capture_id = ${target.captureId}`;
}
