/** Names and versions of the ATS calculations, recorded with every derived capture so a change in a formula
 * shows as a new version instead of silently different numbers. */
export const ATS_CALCULATIONS = {
  marketShare: { name: "ats_market_share", version: "v1" },
  concentration: { name: "ats_symbol_concentration", version: "v1" },
  averageTradeSize: { name: "ats_average_trade_size", version: "v1" },
} as const;

export type AtsCalculationName = (typeof ATS_CALCULATIONS)[keyof typeof ATS_CALCULATIONS]["name"];
