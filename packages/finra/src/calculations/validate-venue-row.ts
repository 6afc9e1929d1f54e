import { exactDecimalPlaces } from "@spine/platform/pure";
import { mondayOnOrBefore } from "../calendar/implied-week.js";
import { weekEndingFromLastUpdateDate } from "../calendar/publication.js";
import { isIsoDate, parseWeekEnding } from "../calendar/week.js";
import { isDetailRow } from "../layout/api-fields.js";
import type { FinraDataset } from "../layout/dataset.js";
import type { RejectIssue } from "../models/reject-reason.js";
import { parseTier, type Tier } from "../models/tier.js";
import type { RawVenueRow, VenueVolume } from "../models/venue-row.js";
import { averageTradeSize } from "./average-trade-size.js";
import { maximumCount, parseCount } from "./parse-count.js";
import { maximumShareDigits, parseShareQuantity } from "./parse-share-quantity.js";

/** The tier-week a row is validated for, and the dataset whose detail rows it expects. */
export type RowPartition = {
  dataset: FinraDataset;
  tier: Tier;
  weekEnding: string;
  /**
   * FINRA republishes corrected files with a later lastUpdateDate; set this when loading such a
   * file so lastUpdateDate is not read as evidence of a different week.
   */
  ignoreLastUpdateDate?: boolean;
};

export type VenueRowValidation = { ok: true; value: VenueVolume } | { ok: false; issues: RejectIssue[] };

function checkTier(tierText: string | null, partitionTier: Tier): RejectIssue[] {
  if (tierText === null) {
    return [];
  }
  const tier = parseTier(tierText);
  if (!tier.ok) {
    return [{ code: "INVALID_TIER", detail: tier.issues.join("; ") }];
  }
  if (tier.value !== partitionTier) {
    return [
      { code: "TIER_MISMATCH", detail: `row tier "${tier.value}" but the partition is "${partitionTier}"` },
    ];
  }
  return [];
}

function checkWeekColumn(weekText: string, weekEnding: string): RejectIssue[] {
  const week = parseWeekEnding(weekText);
  if (!week.ok) {
    return [{ code: "WEEK_MISMATCH", detail: `row week is invalid: ${week.issues.join("; ")}` }];
  }
  if (week.value !== weekEnding) {
    return [
      {
        code: "WEEK_MISMATCH",
        detail: `row week "${weekText}" is week ending ${week.value}; the partition is ${weekEnding}`,
      },
    ];
  }
  return [];
}

function checkLastUpdateDate(lastUpdateDate: string, partition: RowPartition): RejectIssue[] {
  // Unparseable metadata is not evidence of another week; the data columns decide validity.
  if (!isIsoDate(lastUpdateDate)) {
    return [];
  }
  const implied = weekEndingFromLastUpdateDate(partition.tier, mondayOnOrBefore(lastUpdateDate));
  if (!implied.ok || implied.value === partition.weekEnding) {
    return [];
  }
  return [
    {
      code: "WEEK_MISMATCH",
      detail:
        `lastUpdateDate ${lastUpdateDate} publishes ${partition.tier} week ending ${implied.value}; ` +
        `the partition is ${partition.weekEnding}`,
    },
  ];
}

function checkWeek(row: RawVenueRow, partition: RowPartition): RejectIssue[] {
  if (row.weekText !== null) {
    return checkWeekColumn(row.weekText, partition.weekEnding);
  }
  if (row.lastUpdateDate !== null && partition.ignoreLastUpdateDate !== true) {
    return checkLastUpdateDate(row.lastUpdateDate, partition);
  }
  return [];
}

type CountField = {
  label: string;
  invalid: RejectIssue["code"];
  negative: RejectIssue["code"];
  parse: (text: string) => ReturnType<typeof parseShareQuantity>;
  kind: string;
};

// Share quantities may be fractional (FINRA, since 2026); trade counts are whole.
const SHARE_FIELD: CountField = {
  label: "share quantity",
  invalid: "INVALID_SHARE_QUANTITY",
  negative: "NEGATIVE_SHARE_QUANTITY",
  parse: parseShareQuantity,
  kind: "number",
};
const TRADE_FIELD: CountField = {
  label: "trade count",
  invalid: "INVALID_TRADE_COUNT",
  negative: "NEGATIVE_TRADE_COUNT",
  parse: parseCount,
  kind: "whole number",
};

function countProblem(text: string, field: CountField, issues: readonly string[]): string {
  if (issues.includes("NEGATIVE")) return `${field.label} "${text}" is negative`;
  if (issues.includes("TOO_LARGE"))
    return `${field.label} "${text}" exceeds ${maximumCount.toLocaleString("en-US")}, the largest count whose sums stay exact`;
  if (issues.includes("TOO_PRECISE"))
    return `${field.label} "${text}" has more than ${exactDecimalPlaces} decimal places or ${maximumShareDigits} digits, which it would lose (never rounded)`;
  return `${field.label} "${text}" is not a ${field.kind}`;
}

function checkCount(text: string, field: CountField): { value: number | null; issues: RejectIssue[] } {
  const parsed = field.parse(text);
  if (parsed.ok) {
    return { value: parsed.value, issues: [] };
  }
  const code = parsed.issues.includes("NEGATIVE") ? field.negative : field.invalid;
  return { value: null, issues: [{ code, detail: countProblem(text, field, parsed.issues) }] };
}

function checkIdentifiers(symbol: string, mpid: string): RejectIssue[] {
  const issues: RejectIssue[] = [];
  if (symbol === "") {
    issues.push({ code: "EMPTY_SYMBOL", detail: "symbol is empty" });
  }
  if (mpid === "") {
    issues.push({ code: "EMPTY_MPID", detail: "MPID is empty" });
  }
  return issues;
}

/**
 * Applies every row rule except DUPLICATE_KEY (which needs the other rows). All failing rules are
 * reported, in a fixed order, so the first issue is a stable primary reason.
 */
export function validateVenueRow(row: RawVenueRow, partition: RowPartition): VenueRowValidation {
  // The FINRA API mixes detail rows with summary rows that total them; only detail rows are data.
  if (!isDetailRow(partition.dataset, row.summaryTypeCode)) {
    return {
      ok: false,
      issues: [{ code: "SUMMARY_ROW", detail: `summary row of type "${row.summaryTypeCode}"` }],
    };
  }
  const symbol = row.symbol.trim();
  const mpid = row.mpid.trim();
  const shares = checkCount(row.shareQuantityText, SHARE_FIELD);
  const trades = checkCount(row.tradeCountText, TRADE_FIELD);
  const issues = [
    ...checkIdentifiers(symbol, mpid),
    ...checkTier(row.tierText, partition.tier),
    ...checkWeek(row, partition),
    ...shares.issues,
    ...trades.issues,
  ];
  if (issues.length > 0 || shares.value === null || trades.value === null) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      symbol,
      issueName: row.issueName,
      mpid,
      marketParticipantName: row.marketParticipantName,
      shareVolume: shares.value,
      tradeCount: trades.value,
      avgTradeSize: averageTradeSize(shares.value, trades.value),
    },
  };
}
