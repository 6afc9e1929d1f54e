import type { Tier } from "@spine/finra";
import type { CalculationChoice, CaptureRow, PipelineContext, ReadContext } from "@spine/platform";
import {
  calculationVersionParam,
  captureTotals,
  chooseCalculations,
  definePipeline,
  findLatestCapture,
  openDerivedCapture,
  setCaptureRowCount,
} from "@spine/platform";
import { aggregateCalculationNames, otcCalculations } from "../calculations/calculation-versions.js";
import { recordAggregateChecks } from "./support/aggregate-quality.js";
import type { AggregateTarget } from "./support/aggregate-statements.js";
import {
  createSymbolTotals,
  createVenueTotals,
  dropSymbolTotals,
  dropVenueTotals,
  insertLiquidityScore,
  insertSymbolConcentration,
  insertSymbolSummary,
  insertVenueShare,
  sumOfSymbolTotals,
} from "./support/aggregate-statements.js";
import { writeVariantAggregates } from "./support/aggregate-variant.js";
import { missingInput } from "./support/missing-input.js";
import { otcCaptures } from "./support/otc-captures.js";
import { otcDatabase } from "./support/otc-database.js";
import { tierWeekKey, tierWeekParams } from "./support/tier-week-params.js";

/**
 * Runs every aggregate statement for one capture and returns the total volume of the venue rows it
 * read (for the reconciliation check). The symbol totals scratch table lives only in this call.
 */
async function writeAggregates(context: PipelineContext, target: AggregateTarget) {
  const statements = [
    createSymbolTotals(target),
    ...createVenueTotals(target),
    insertSymbolSummary(target),
    insertSymbolConcentration(target),
    insertVenueShare(target),
    insertLiquidityScore(target),
  ];
  for (const statement of statements) await statement.execute(context.scope.db);
  const totals = await sumOfSymbolTotals(context.scope.sql).execute(context.scope.db);
  for (const statement of [dropSymbolTotals(), ...dropVenueTotals(target)])
    await statement.execute(context.scope.db);
  const row = totals.rows[0];
  return {
    volume: Number(row?.total ?? 0),
    activity: {
      sharesWithoutTrades: Number(row?.shares_only ?? 0),
      tradesWithoutShares: Number(row?.trades_only ?? 0),
    },
  };
}

const aggregateParams = tierWeekParams.extend({
  calc_version: calculationVersionParam(otcCalculations, aggregateCalculationNames),
});

type AggregateParams = { tier: Tier; week_ending: string; calc_version?: string | undefined };

function choiceOf(params: AggregateParams): CalculationChoice {
  return chooseCalculations(otcCalculations, aggregateCalculationNames, params.calc_version);
}

// A non-current version is its own manifest entry; keyed by the normalize capture it read, so a
// republication computes it again.
async function partitionOf(params: AggregateParams, context: ReadContext) {
  const key = tierWeekKey(params);
  const choice = choiceOf(params);
  if (!choice.variant) return { key };
  const input = await findLatestCapture(context.scope, otcCaptures, { partition: key, stage: "normalize" });
  return { key, variant: choice.variant, fingerprint: input?.capture_id ?? "no input", sideBySide: true };
}

/** A non-current calculation version, written beside the current capture as its own variant. */
async function runVariant(context: PipelineContext, input: CaptureRow, choice: CalculationChoice) {
  const computedAt = context.now().toISOString();
  const calculation = choice.chosen.get(choice.changed[0] ?? "");
  const captureId = await openDerivedCapture(context, otcCaptures, input, {
    stage: "aggregate",
    variant: choice.variant ?? "default",
    createdAt: computedAt,
    ...(calculation ? { calculation } : {}),
  });
  const target = aggregateTarget(context, captureId, input);
  const symbols = await writeVariantAggregates(context, target, choice);
  await setCaptureRowCount(context.scope, captureId, symbols);
  const metrics = {
    capture_id: captureId,
    input_capture_id: input.capture_id,
    calc_version: choice.requested,
  };
  return { rowCount: symbols, metrics: { ...metrics, variant: choice.variant, symbols } };
}

function aggregateTarget(context: PipelineContext, captureId: string, input: CaptureRow): AggregateTarget {
  return { captureId, inputCaptureId: input.capture_id, capabilities: context.scope.sql };
}

/** Computes symbol summaries, venue shares, concentration and liquidity for a tier-week, set-based. */
export const aggregateWeekPipeline = definePipeline({
  name: "otc.aggregate_week",
  description:
    "Aggregate a tier-week into symbol summary, venue share, concentration (HHI) and liquidity score; calc_version computes another version beside the current one.",
  params: aggregateParams,
  calculations: otcCalculations.select(aggregateCalculationNames),
  stage: { domain: "otc", stage: "aggregate", partition: partitionOf },
  run: async (context, params) => {
    const tier: Tier = params.tier;
    const db = otcDatabase(context.scope);
    const input = await findLatestCapture(context.scope, otcCaptures, {
      partition: tierWeekKey(params),
      stage: "normalize",
    });
    if (!input) throw missingInput("aggregate", tier, params.week_ending, "normalize");
    const choice = choiceOf(params);
    if (choice.variant) return runVariant(context, input, choice);
    const normalize = await context.manifest.get("otc", tierWeekKey(params), "normalize");
    const computedAt = context.now().toISOString();
    const captureId = await openDerivedCapture(context, otcCaptures, input, {
      stage: "aggregate",
      variant: "default",
      createdAt: computedAt,
    });
    const target = aggregateTarget(context, captureId, input);
    const venueRows = await writeAggregates(context, target);
    const symbolCount = (await captureTotals(context.scope, "otc_symbol_summary_rows", captureId)).rows;
    await setCaptureRowCount(context.scope, captureId, symbolCount);
    await recordAggregateChecks(context, db, {
      captureId,
      inputCaptureId: input.capture_id,
      tier,
      weekEnding: params.week_ending,
      normalizeMetrics: normalize?.metrics ?? {},
      venueRowsVolume: venueRows.volume,
      activity: venueRows.activity,
      input,
    });
    return {
      rowCount: symbolCount,
      metrics: {
        capture_id: captureId,
        input_capture_id: input.capture_id,
        symbols: symbolCount,
      },
    };
  },
});
