import { addWeeks, checkSharesSumToOne, compareToPreviousWeeks } from "@spine/finra";
import type { ActivityCounts, CaptureRow, PipelineContext } from "@spine/platform";
import {
  captureTotals,
  checkRowsAccounted,
  checkVolumeReconciles,
  recordCheckResult,
  recordCountCheck,
  recordSeriesChecks,
} from "@spine/platform";
import { otcCaptures } from "./otc-captures.js";
import type { OtcDatabase } from "./otc-database.js";

async function previousWeekCounts(db: OtcDatabase, tier: string, weekEnding: string) {
  const rows = await db
    .selectFrom("otc_captures_latest")
    .select(["week_ending", "capture_id", "row_count"])
    .where("tier", "=", tier)
    .where("stage", "=", "aggregate")
    .where("variant", "=", "default")
    .where("week_ending", "<", weekEnding)
    .where("week_ending", ">=", addWeeks(weekEnding, -4))
    .execute();
  return rows;
}

/** What the aggregate stage's checks read. */
interface AggregateCheckInput {
  readonly captureId: string;
  readonly inputCaptureId: string;
  readonly tier: string;
  readonly weekEnding: string;
  readonly normalizeMetrics: Readonly<Record<string, unknown>>;
  /** Sum of the normalized venue rows' volume, taken in the aggregate's own pass over them. */
  readonly venueRowsVolume: number;
  /** The normalize capture read, and its rows' shares/trades disagreements (from the totals pass). */
  readonly input: CaptureRow;
  readonly activity: ActivityCounts;
}

// Volumes agree from normalize through venue rows to summary and shares; rows read are accounted.
async function recordReconciliation(context: PipelineContext, input: AggregateCheckInput) {
  const metrics = input.normalizeMetrics;
  const normalized = Number(metrics.accepted_share_volume ?? Number.NaN);
  const venueVolume = input.venueRowsVolume;
  const total = { sum: ["total_volume"] as const };
  const summary = await captureTotals(context.scope, "otc_symbol_summary_rows", input.captureId, total);
  const venueShares = await captureTotals(context.scope, "otc_venue_share_rows", input.captureId, total);
  const reconciles = checkVolumeReconciles(normalized, venueVolume, summary.total_volume);
  await recordCheckResult(context.quality, "aggregate.volume_reconciles", reconciles, "critical");
  await recordCheckResult(
    context.quality,
    "aggregate.venue_share_volume_reconciles",
    checkVolumeReconciles(venueVolume, venueShares.total_volume, summary.total_volume),
    "critical",
  );
  const counts = {
    read: Number(metrics.rows_read ?? Number.NaN),
    accepted: Number(metrics.rows_accepted ?? Number.NaN),
    rejected: Number(metrics.rows_rejected ?? Number.NaN),
  };
  await recordCheckResult(
    context.quality,
    "aggregate.rows_accounted",
    checkRowsAccounted(counts),
    "critical",
  );
  const duplicates = Number(
    (metrics.rejects_by_code as Record<string, number> | undefined)?.DUPLICATE_KEY ?? 0,
  );
  await recordCountCheck(context.quality, {
    checkName: "aggregate.duplicate_keys_seen",
    mismatch: "warn",
    actual: duplicates,
    expected: 0,
    message: `${duplicates} duplicate natural keys were rejected by normalize`,
  });
  return { symbols: summary.rows };
}

// Symbol and venue counts far from the previous four weeks' are worth a look, not a failure.
async function recordDriftChecks(
  context: PipelineContext,
  db: OtcDatabase,
  input: AggregateCheckInput,
  counts: { readonly symbols: number; readonly venues: number },
) {
  const previous = await previousWeekCounts(db, input.tier, input.weekEnding);
  const previousVenues = await Promise.all(
    previous.map(
      async (row) => (await captureTotals(context.scope, "otc_venue_share_rows", row.capture_id)).rows,
    ),
  );
  await recordCheckResult(
    context.quality,
    "aggregate.symbol_count_vs_previous_weeks",
    compareToPreviousWeeks(
      counts.symbols,
      previous.map((row) => Number(row.row_count)),
      0.5,
    ),
  );
  await recordCheckResult(
    context.quality,
    "aggregate.venue_count_vs_previous_weeks",
    compareToPreviousWeeks(counts.venues, previousVenues, 0.5),
  );
}

/** The aggregate stage's quality checks: arithmetic, reconciliation with normalize, and drift vs previous weeks. */
export async function recordAggregateChecks(
  context: PipelineContext,
  db: OtcDatabase,
  input: AggregateCheckInput,
): Promise<void> {
  const shares = await db
    .selectFrom("otc_venue_share_rows")
    .select("market_share")
    .where("capture_id", "=", input.captureId)
    .execute();
  // Shares that do not sum to one are an arithmetic defect: the stage fails and writes nothing.
  await recordCheckResult(
    context.quality,
    "aggregate.venue_shares_sum_to_one",
    checkSharesSumToOne(shares.map((row) => Number(row.market_share))),
    "critical",
  );
  await recordSeriesChecks(context, otcCaptures, input.input, {
    prefix: "aggregate",
    activity: input.activity,
  });
  const { symbols } = await recordReconciliation(context, input);
  await recordDriftChecks(context, db, input, { symbols, venues: shares.length });
}
