import type { CalculationDefinition } from "@spine/platform/pure";
import { defineCalculation, defineCalculations } from "@spine/platform/pure";

const current = (name: string, description: string) =>
  defineCalculation({ name, version: "v1", description, current: true });

const liquidityScoreV1 = current(
  "liquidity_score",
  "average trade size x active venue count (the seeds' formula); NULL when the symbol had no trades",
);

/**
 * v2 is opt-in (`-p calc_version=v2`): v1 rewards large prints, so sub-penny names that trade
 * billions of shares in a handful of trades outrank names with thousands of trades.
 */
const liquidityScoreV2 = defineCalculation({
  name: "liquidity_score",
  version: "v2",
  description:
    "trade activity: total trades x active venue count; 0 when the symbol had no trades (liquidity follows how often and where a name trades, not how large its prints are)",
});

/**
 * Every OTC calculation and version, recorded with each derived capture and row so a formula change
 * shows as a new version beside the old one instead of silently different numbers.
 */
export const otcCalculations = defineCalculations([
  current("venue_volume", "normalized venue rows: one per tier, week, symbol and MPID"),
  current("research_snapshot", "one row per symbol joining summary, concentration, liquidity and rolling"),
  current("symbol_summary", "per symbol: total volume, trades, active venues, average trade size"),
  current("venue_share", "per venue: share of the tier-week's volume and rank"),
  current("symbol_concentration", "per symbol: HHI of venue shares and the top venue"),
  liquidityScoreV1,
  liquidityScoreV2,
  defineCalculation({
    name: "rolling_metrics",
    version: "v2",
    current: true,
    description:
      "per symbol over a window: average, min, max, trend; v2 labels a trend that cannot be computed UNKNOWN (v1 said FLAT)",
  }),
]);

function currentOf(name: string): CalculationDefinition {
  return otcCalculations.current(name);
}

/** The current version of each calculation, by its short name in code. */
export const CALCULATIONS = {
  venueVolume: currentOf("venue_volume"),
  researchSnapshot: currentOf("research_snapshot"),
  symbolSummary: currentOf("symbol_summary"),
  venueShare: currentOf("venue_share"),
  symbolConcentration: currentOf("symbol_concentration"),
  liquidityScore: currentOf("liquidity_score"),
  rollingMetrics: currentOf("rolling_metrics"),
} as const;

/** The calculations the aggregate stage computes (any may be asked for in another version). */
export const aggregateCalculationNames = [
  "symbol_summary",
  "venue_share",
  "symbol_concentration",
  "liquidity_score",
] as const;

export type CalculationName = (typeof otcCalculations.all)[number]["name"];

export const LIQUIDITY_SCORE_VERSION = CALCULATIONS.liquidityScore.version;
