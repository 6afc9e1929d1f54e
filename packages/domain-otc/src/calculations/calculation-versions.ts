/**
 * Every stored metric carries its calculation name and version so a formula change can be told
 * apart from a data change; bump the version whenever a formula's output could differ.
 */
export const CALCULATIONS = {
  venueVolume: { name: "venue_volume", version: "v1" },
  researchSnapshot: { name: "research_snapshot", version: "v1" },
  symbolSummary: { name: "symbol_summary", version: "v1" },
  venueShare: { name: "venue_share", version: "v1" },
  symbolConcentration: { name: "symbol_concentration", version: "v1" },
  liquidityScore: { name: "liquidity_score", version: "v1" },
  rollingMetrics: { name: "rolling_metrics", version: "v1" },
} as const;

export type CalculationName = (typeof CALCULATIONS)[keyof typeof CALCULATIONS]["name"];

export const LIQUIDITY_SCORE_VERSION = CALCULATIONS.liquidityScore.version;
