import { sql } from "@spine/platform";
import { CALCULATIONS } from "../../calculations/calculation-versions.js";
import type { OtcDatabase } from "./otc-database.js";

/** Everything the rolling insert needs besides the database. */
export interface RollingInsert {
  readonly captureId: string;
  readonly windowWeeks: number;
  /** The latest aggregate capture of each available week of the window (missing weeks are absent). */
  readonly summaryCaptures: ReadonlyArray<{ readonly captureId: string; readonly weekEnding: string }>;
}

// Parameters are cast explicitly because PostgreSQL cannot infer a parameter's type from an
// INSERT ... SELECT target column, only from VALUES.
function text(value: string) {
  return sql`cast(${value} as text)`;
}

/**
 * The window's common table expressions (its bounds, each symbol's sums over the window's summary
 * rows, and its trend from the earliest to the latest available week), or null when the window
 * has no available week: then there is no symbol to write (and an empty IN list is not valid SQL).
 */
function windowExpressions(summaryCaptures: RollingInsert["summaryCaptures"]) {
  const byWeek = [...summaryCaptures].sort((a, b) => (a.weekEnding < b.weekEnding ? -1 : 1));
  const [earliest, latest] = [byWeek[0], byWeek.at(-1)];
  if (earliest === undefined || latest === undefined) return null;
  // Summary rows are read by capture id (their key), not through otc_symbol_summary_latest, which
  // scans the summary rows of every week ever loaded: a rolling run would grow with history.
  const captureIds = sql.join(summaryCaptures.map((capture) => sql`${capture.captureId}`));
  return sql`with window_bounds as (
  select cast(${byWeek.length} as integer) as weeks_available, ${text(earliest.captureId)} as earliest_capture,
    ${text(latest.captureId)} as latest_capture
),
symbol_totals as (
  select s.symbol, b.weeks_available,
    count(*) as weeks_present,
    sum(case when s.total_volume > 0 or s.total_trades > 0 then 1 else 0 end) as weeks_traded,
    sum(s.total_volume) as volume_sum,
    sum(s.total_trades) as trades_sum,
    min(s.total_volume) as present_min_volume,
    max(s.total_volume) as present_max_volume,
    sum(case when s.capture_id = b.earliest_capture then s.total_volume else 0 end) as earliest_volume,
    sum(case when s.capture_id = b.latest_capture then s.total_volume else 0 end) as latest_volume
  from otc_symbol_summary_rows s
  cross join window_bounds b
  where s.capture_id in (${captureIds})
  group by s.symbol, b.weeks_available
),
symbol_trends as (
  select t.*,
    case when t.weeks_available < 2 or t.earliest_volume = 0 then null
      else cast(t.latest_volume - t.earliest_volume as double precision)
        / cast(t.earliest_volume as double precision) * 100
    end as trend_pct
  from symbol_totals t
)`;
}

/**
 * Writes one otc_symbol_rolling_rows row per symbol seen in any available week of the window, in one
 * set-based statement whose cost grows with the window's summary rows. Mirrors computeRollingMetrics:
 * a week with tier data but no row for the symbol counts as zero volume and zero trades.
 */
export async function insertRollingRows(db: OtcDatabase, insert: RollingInsert): Promise<void> {
  const { rollingMetrics } = CALCULATIONS;
  const expressions = windowExpressions(insert.summaryCaptures);
  if (expressions === null) return;
  await sql`
${expressions}
insert into otc_symbol_rolling_rows (
  capture_id, calc_name, calc_version,
  window_weeks, symbol, weeks_available, weeks_traded, avg_volume, avg_trades,
  min_volume, max_volume, trend_pct, trend_direction, is_complete
)
select
  ${text(insert.captureId)}, ${text(rollingMetrics.name)}, ${text(rollingMetrics.version)},
  cast(${insert.windowWeeks} as integer), r.symbol, r.weeks_available, r.weeks_traded,
  cast(r.volume_sum as double precision) / r.weeks_available,
  cast(r.trades_sum as double precision) / r.weeks_available,
  case when r.weeks_present < r.weeks_available then 0 else r.present_min_volume end,
  r.present_max_volume,
  r.trend_pct,
  -- ±5% is the noise threshold of computeRollingMetrics (TREND_THRESHOLD_PERCENT); no trend is UNKNOWN, not FLAT.
  case when r.trend_pct is null then 'UNKNOWN' when r.trend_pct > 5 then 'UP' when r.trend_pct < -5 then 'DOWN' else 'FLAT' end,
  case when r.weeks_available = cast(${insert.windowWeeks} as integer) then 1 else 0 end
from symbol_trends r`.execute(db);
}
