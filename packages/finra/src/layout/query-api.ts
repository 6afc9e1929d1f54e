import { addDays, isIsoDate, weekEndingOfWeekStart, weekStartDateOf } from "../calendar/week.js";
import type { Tier } from "../models/tier.js";
import { parseTier } from "../models/tier.js";
import { API_TIER_IDENTIFIERS, DETAIL_SUMMARY_TYPE_CODES, FINRA_API_FIELDS } from "./api-fields.js";
import type { FinraDataset } from "./dataset.js";

/** The Query API group holding the weekly OTC and ATS summaries. */
export const FINRA_API_GROUP = "otcMarket";

/** The Query API datasets of weekly data: the recent year, and the weeks before it. */
export const FINRA_API_DATASET_NAMES = ["weeklySummary", "weeklySummaryHistoric"] as const;

/** One of {@link FINRA_API_DATASET_NAMES}. */
export type FinraApiDatasetName = (typeof FINRA_API_DATASET_NAMES)[number];

/** The most rows one Query API page holds (a page also stops at 3 MB, whichever comes first). */
export const FINRA_API_PAGE_LIMIT = 5_000;

/** Days after which FINRA moves a week from weeklySummary to weeklySummaryHistoric ("about a year"). */
export const FINRA_API_HISTORIC_AFTER_DAYS = 365;

/** The dataset a week is expected in on `today`; the other one is worth asking when it is empty. */
export function apiDatasetForWeek(weekEnding: string, today: string): FinraApiDatasetName {
  const historicBefore = addDays(today, -FINRA_API_HISTORIC_AFTER_DAYS);
  return weekStartDateOf(weekEnding) < historicBefore ? "weeklySummaryHistoric" : "weeklySummary";
}

/** The path of a dataset's data, partitions or metadata endpoint. */
export function apiDatasetPath(
  kind: "data" | "partitions" | "metadata",
  dataset: FinraApiDatasetName,
): string {
  return `/${kind}/group/${FINRA_API_GROUP}/name/${dataset}`;
}

/** What one weekly-summary request asks for: a tier-week of one FINRA dataset's detail rows. */
export interface WeeklySummaryRequest {
  readonly dataset: FinraDataset;
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly offset: number;
  readonly limit?: number;
}

/**
 * The JSON body of a weekly-summary data request: EQUAL filters on both partition fields
 * (weekStartDate, tierIdentifier) and on the dataset's detail summaryTypeCode, one page of rows.
 */
export function buildWeeklySummaryBody(request: WeeklySummaryRequest) {
  const equal = (fieldName: string, fieldValue: string) => ({ fieldName, fieldValue, compareType: "EQUAL" });
  return {
    compareFilters: [
      equal(FINRA_API_FIELDS.weekStartDate, weekStartDateOf(request.weekEnding)),
      equal(FINRA_API_FIELDS.tierIdentifier, API_TIER_IDENTIFIERS[request.tier]),
      equal(FINRA_API_FIELDS.summaryTypeCode, DETAIL_SUMMARY_TYPE_CODES[request.dataset]),
    ],
    limit: Math.min(request.limit ?? FINRA_API_PAGE_LIMIT, FINRA_API_PAGE_LIMIT),
    offset: request.offset,
  };
}

/** A tier-week the partitions endpoint lists as published. */
export interface PublishedTierWeek {
  readonly tier: Tier;
  readonly weekEnding: string;
}

function positionsOf(fields: unknown): { week: number; tier: number } {
  const names = Array.isArray(fields) ? fields.map(String) : [];
  const week = names.indexOf(FINRA_API_FIELDS.weekStartDate);
  const tier = names.indexOf(FINRA_API_FIELDS.tierIdentifier);
  return week === -1 || tier === -1 ? { week: 0, tier: 1 } : { week, tier };
}

/**
 * The tier-weeks of a partitions answer (`{partitionFields, availablePartitions: [{partitions}]}`),
 * whatever the order of its partition fields; unreadable entries are left out.
 */
export function parseApiPartitions(answer: unknown): PublishedTierWeek[] {
  const body = (answer ?? {}) as { partitionFields?: unknown; availablePartitions?: unknown };
  const positions = positionsOf(body.partitionFields);
  const entries = Array.isArray(body.availablePartitions) ? body.availablePartitions : [];
  return entries.flatMap((entry) => {
    const values = (entry as { partitions?: unknown }).partitions;
    if (!Array.isArray(values)) return [];
    const tier = parseTier(String(values[positions.tier] ?? ""));
    const weekStart = String(values[positions.week] ?? "");
    if (!tier.ok || !isIsoDate(weekStart)) return [];
    return [{ tier: tier.value, weekEnding: weekEndingOfWeekStart(weekStart) }];
  });
}
