/**
 * The columns a FINRA weekly file can carry, by meaning. The same names serve OTC and ATS files:
 * the FINRA download (pipe-delimited), the Query API export and the project's simple format.
 */
export type FinraColumn =
  | "symbol"
  | "mpid"
  | "shareQuantity"
  | "tradeCount"
  | "tier"
  | "issueName"
  | "marketParticipantName"
  | "lastUpdateDate"
  | "week"
  | "summaryTypeCode";

/** Columns without which a file cannot be read. */
export const FINRA_REQUIRED_COLUMNS = ["symbol", "mpid", "shareQuantity", "tradeCount"] as const;

/**
 * Spellings per column across the FINRA download, the FINRA API export and the project's simple
 * format. Earlier spellings win when a header has several (tierDescription is more readable than
 * T1/T2). Matching is case-insensitive and ignores spaces and underscores.
 */
export const FINRA_COLUMN_SPELLINGS: Readonly<Record<FinraColumn, readonly string[]>> = {
  symbol: ["issueSymbolIdentifier", "Symbol"],
  mpid: ["MPID"],
  shareQuantity: ["totalWeeklyShareQuantity", "TotalShares"],
  tradeCount: ["totalWeeklyTradeCount", "TotalTrades"],
  tier: ["tierDescription", "tierIdentifier", "Tier"],
  issueName: ["issueName"],
  marketParticipantName: ["marketParticipantName"],
  lastUpdateDate: ["lastUpdateDate"],
  week: ["weekStartDate", "WeekEnding"],
  summaryTypeCode: ["summaryTypeCode"],
};

/** The header of a FINRA weekly download (OTC and ATS alike), in FINRA's column order. */
export const FINRA_DOWNLOAD_COLUMNS = [
  "tierDescription",
  "issueSymbolIdentifier",
  "issueName",
  "marketParticipantName",
  "MPID",
  "totalWeeklyShareQuantity",
  "totalWeeklyTradeCount",
  "lastUpdateDate",
] as const;

/** The columns of a FINRA weekly download by meaning, in FINRA's order (FINRA_DOWNLOAD_COLUMNS). */
export const FINRA_DOWNLOAD_ORDER: readonly FinraColumn[] = [
  "tier",
  "symbol",
  "issueName",
  "marketParticipantName",
  "mpid",
  "shareQuantity",
  "tradeCount",
  "lastUpdateDate",
];

/** FINRA downloads separate fields with a pipe. */
export const FINRA_DOWNLOAD_DELIMITER = "|";
