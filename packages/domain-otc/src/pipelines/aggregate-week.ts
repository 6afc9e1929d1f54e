import type { Tier } from "@spine/finra";
import type { PipelineContext } from "@spine/platform";
import {
  definePipeline,
  findLatestCapture,
  openDerivedCapture,
  setCaptureRowCount,
  sql,
} from "@spine/platform";
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
import { missingInput } from "./support/missing-input.js";
import { otcCaptures } from "./support/otc-captures.js";
import { otcDatabase } from "./support/otc-database.js";
import { tierWeekKey, tierWeekParams } from "./support/tier-week-params.js";

/**
 * Runs every aggregate statement for one capture and returns the total volume of the venue rows it
 * read (for the reconciliation check). The symbol totals scratch table lives only in this call.
 */
async function writeAggregates(context: PipelineContext, target: AggregateTarget): Promise<number> {
  const statements = [
    createSymbolTotals(target),
    ...createVenueTotals(target),
    insertSymbolSummary(target),
    insertSymbolConcentration(target),
    insertVenueShare(target),
    insertLiquidityScore(target),
  ];
  for (const statement of statements) await statement.execute(context.scope.db);
  const totals = await sumOfSymbolTotals().execute(context.scope.db);
  for (const statement of [dropSymbolTotals(), ...dropVenueTotals(target)])
    await statement.execute(context.scope.db);
  return Number(totals.rows[0]?.total ?? 0);
}

/** Computes symbol summaries, venue shares, concentration and liquidity for a tier-week, set-based. */
export const aggregateWeekPipeline = definePipeline({
  name: "otc.aggregate_week",
  description:
    "Aggregate a tier-week into symbol summary, venue share, concentration (HHI) and liquidity score.",
  params: tierWeekParams,
  stage: { domain: "otc", stage: "aggregate", partition: (params) => ({ key: tierWeekKey(params) }) },
  run: async (context, params) => {
    const tier: Tier = params.tier;
    const db = otcDatabase(context.scope);
    const input = await findLatestCapture(context.scope, otcCaptures, {
      partition: tierWeekKey(params),
      stage: "normalize",
    });
    if (!input) throw missingInput("aggregate", tier, params.week_ending, "normalize");
    const normalize = await context.manifest.get("otc", tierWeekKey(params), "normalize");
    const computedAt = context.now().toISOString();
    const captureId = await openDerivedCapture(context, otcCaptures, input, {
      stage: "aggregate",
      variant: "default",
      createdAt: computedAt,
    });
    const target: AggregateTarget = {
      captureId,
      inputCaptureId: input.capture_id,
      tier,
      weekEnding: params.week_ending,
      computedAt,
      executionId: context.executionId,
      capabilities: context.scope.sql,
    };
    const venueRowsVolume = await writeAggregates(context, target);
    const symbols = await sql<{
      n: number;
    }>`select count(*) as n from otc_symbol_summary where capture_id = ${captureId}`.execute(
      context.scope.db,
    );
    const symbolCount = Number(symbols.rows[0]?.n ?? 0);
    await setCaptureRowCount(context.scope, captureId, symbolCount);
    await recordAggregateChecks(context, db, {
      captureId,
      inputCaptureId: input.capture_id,
      tier,
      weekEnding: params.week_ending,
      normalizeMetrics: normalize?.metrics ?? {},
      venueRowsVolume,
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
