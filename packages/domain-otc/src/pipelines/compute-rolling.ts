import type { Tier } from "@spine/finra";
import { windowWeekEndings } from "@spine/finra";
import type { PipelineContext } from "@spine/platform";
import {
  calculationVersionParam,
  captureTotals,
  chooseCalculations,
  definePipeline,
  findLatestCapture,
  openDerivedCapture,
  recordCountCheck,
  setCaptureRowCount,
} from "@spine/platform";
import { otcCalculations } from "../calculations/calculation-versions.js";
import { missingInput } from "./support/missing-input.js";
import { otcCaptures } from "./support/otc-captures.js";
import type { OtcDatabase } from "./support/otc-database.js";
import { otcDatabase } from "./support/otc-database.js";
import { insertRollingRows } from "./support/rolling-sql.js";
import { rollingWindowParams, windowVariant } from "./support/rolling-window-params.js";
import { tierWeekKey } from "./support/tier-week-params.js";

/** What the window held, for the insert, quality checks and metrics. */
interface WindowCoverage {
  readonly summaryCaptures: ReadonlyArray<{ readonly captureId: string; readonly weekEnding: string }>;
  readonly availableWeeks: string[];
  readonly missingWeeks: string[];
  readonly symbolCount: number;
}

async function coverageOf(db: OtcDatabase, tier: Tier, weeks: readonly string[]): Promise<WindowCoverage> {
  const available = await db
    .selectFrom("otc_captures_latest")
    .select(["week_ending", "capture_id"])
    .where("tier", "=", tier)
    .where("stage", "=", "aggregate")
    .where("variant", "=", "default")
    .where("week_ending", "in", weeks)
    .orderBy("week_ending")
    .execute();
  const summaryCaptures = available.map((row) => ({
    captureId: row.capture_id,
    weekEnding: row.week_ending,
  }));
  const availableWeeks = available.map((row) => row.week_ending);
  const missingWeeks = weeks.filter((week) => !availableWeeks.includes(week));
  // An empty IN list is not valid SQL, and no available week means no symbols.
  if (available.length === 0) return { summaryCaptures, availableWeeks, missingWeeks, symbolCount: 0 };
  const symbols = await db
    .selectFrom("otc_symbol_summary_rows")
    .select((expression) => expression.fn.count<number | string>("symbol").distinct().as("symbols"))
    .where(
      "capture_id",
      "in",
      available.map((row) => row.capture_id),
    )
    .executeTakeFirst();
  return {
    summaryCaptures,
    availableWeeks,
    missingWeeks,
    symbolCount: Number(symbols?.symbols ?? 0),
  };
}

async function recordChecks(
  context: PipelineContext,
  coverage: WindowCoverage,
  rowCount: number,
  windowWeeks: number,
) {
  await recordCountCheck(context.quality, {
    checkName: "rolling.rows_match_symbols",
    actual: rowCount,
    expected: coverage.symbolCount,
    message: `${rowCount} rolling rows for ${coverage.symbolCount} symbols seen in the window's available weeks`,
  });
  const complete = coverage.availableWeeks.length === windowWeeks;
  await recordCountCheck(context.quality, {
    checkName: "rolling.window_complete",
    mismatch: "warn",
    // Partial history (first loads, gaps) is normal and yields is_complete = 0, not a failure.
    expectedOutcome: !complete,
    actual: coverage.availableWeeks.length,
    expected: windowWeeks,
    message: complete
      ? `all ${windowWeeks} weeks of the window are available`
      : `${coverage.availableWeeks.length} of ${windowWeeks} weeks available; missing ${coverage.missingWeeks.join(", ")}`,
  });
}

const rollingNames = ["rolling_metrics"];

/** Rolling per-symbol metrics over the window ending at a tier-week, computed set-based in SQL. */
export const computeRollingPipeline = definePipeline({
  name: "otc.compute_rolling",
  description:
    "Rolling per-symbol volume metrics (average, min, max, trend) over the window_weeks ending at a tier-week, into otc_symbol_rolling.",
  calculations: otcCalculations.select(rollingNames),
  params: rollingWindowParams.extend({
    calc_version: calculationVersionParam(otcCalculations, rollingNames),
  }),
  stage: {
    domain: "otc",
    stage: "rolling",
    // rolling_metrics has one version today: asking for another is refused by chooseCalculations.
    partition: (params) => {
      chooseCalculations(otcCalculations, rollingNames, params.calc_version);
      return { key: tierWeekKey(params), variant: windowVariant(params.window_weeks) };
    },
  },
  run: async (context, params) => {
    const tier: Tier = params.tier;
    const db = otcDatabase(context.scope);
    const input = await findLatestCapture(context.scope, otcCaptures, {
      partition: tierWeekKey(params),
      stage: "aggregate",
    });
    if (!input) throw missingInput("rolling", tier, params.week_ending, "aggregate");
    const computedAt = context.now().toISOString();
    const variant = windowVariant(params.window_weeks);
    const coverage = await coverageOf(db, tier, windowWeekEndings(params.week_ending, params.window_weeks));
    const captureId = await openDerivedCapture(context, otcCaptures, input, {
      stage: "rolling",
      variant,
      createdAt: computedAt,
      otherInputs: coverage.summaryCaptures.map((summary) => summary.captureId),
    });
    await insertRollingRows(db, {
      captureId,
      windowWeeks: params.window_weeks,
      summaryCaptures: coverage.summaryCaptures,
    });
    const rowCount = (await captureTotals(context.scope, "otc_symbol_rolling_rows", captureId)).rows;
    await setCaptureRowCount(context.scope, captureId, rowCount);
    await recordChecks(context, coverage, rowCount, params.window_weeks);
    return {
      rowCount,
      metrics: {
        capture_id: captureId,
        input_capture_id: input.capture_id,
        variant,
        window_weeks: params.window_weeks,
        weeks_available: coverage.availableWeeks.length,
        missing_weeks: coverage.missingWeeks,
      },
    };
  },
});
