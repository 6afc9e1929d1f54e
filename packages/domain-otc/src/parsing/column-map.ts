import { fail, ok, type Result } from "../models/result.js";

/** Zero-based field positions of the columns we use; null when the file lacks the column. */
export type ColumnMap = {
  fieldCount: number;
  symbol: number;
  mpid: number;
  shareQuantity: number;
  tradeCount: number;
  tier: number | null;
  issueName: number | null;
  marketParticipantName: number | null;
  lastUpdateDate: number | null;
  week: number | null;
  summaryTypeCode: number | null;
};

type ColumnName = Exclude<keyof ColumnMap, "fieldCount">;

const REQUIRED_COLUMNS = ["symbol", "mpid", "shareQuantity", "tradeCount"] as const;

// Spellings across the FINRA download, the FINRA API export and the project's simple format.
// Earlier spellings win when a header has several (tierDescription is more readable than T1/T2).
const COLUMN_SPELLINGS: Readonly<Record<ColumnName, readonly string[]>> = {
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

// Case, surrounding whitespace, underscores and a leading BOM vary between exports; meaning doesn't.
function normaliseColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "");
}

function findColumn(positions: ReadonlyMap<string, number>, spellings: readonly string[]): number | null {
  for (const spelling of spellings) {
    const position = positions.get(normaliseColumnName(spelling));
    if (position !== undefined) {
      return position;
    }
  }
  return null;
}

function indexHeader(fields: readonly string[]): Map<string, number> {
  const positions = new Map<string, number>();
  fields.forEach((field, position) => {
    const name = normaliseColumnName(field);
    // First occurrence wins so a duplicated header name cannot shift data silently.
    if (!positions.has(name)) {
      positions.set(name, position);
    }
  });
  return positions;
}

function describeMissing(column: ColumnName): string {
  return `${column} (${COLUMN_SPELLINGS[column].join(" or ")})`;
}

/** Maps a header to column positions; order is free and unknown columns are ignored. */
export function resolveHeader(fields: readonly string[]): Result<ColumnMap, string> {
  const positions = indexHeader(fields);
  const find = (column: ColumnName): number | null => findColumn(positions, COLUMN_SPELLINGS[column]);
  const missing = REQUIRED_COLUMNS.filter((column) => find(column) === null);
  const symbol = find("symbol");
  const mpid = find("mpid");
  const shareQuantity = find("shareQuantity");
  const tradeCount = find("tradeCount");
  if (
    missing.length > 0 ||
    symbol === null ||
    mpid === null ||
    shareQuantity === null ||
    tradeCount === null
  ) {
    return fail(`header is missing required columns: ${missing.map(describeMissing).join(", ")}`);
  }
  return ok({
    fieldCount: fields.length,
    symbol,
    mpid,
    shareQuantity,
    tradeCount,
    tier: find("tier"),
    issueName: find("issueName"),
    marketParticipantName: find("marketParticipantName"),
    lastUpdateDate: find("lastUpdateDate"),
    week: find("week"),
    summaryTypeCode: find("summaryTypeCode"),
  });
}
