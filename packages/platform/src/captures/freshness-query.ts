import { z } from "zod";
import { defineQuery } from "../pipeline/define-domain.js";
import type { PartitionKey } from "../pipeline/partition.js";
import { asOfParam, selectedCaptures } from "./as-of.js";
import type { CapturesDefinition } from "./define-captures.js";
import { partitionOfCapture } from "./find-capture.js";
import { compareText } from "./query-options.js";

/** What a domain tells {@link createFreshnessQuery}. */
export interface FreshnessOptions {
  /** The stage whose latest (default-variant) captures mean "loaded". */
  readonly stage: string;
  /** When the publisher first releases a partition (e.g. FINRA's calendar for a tier-week). */
  readonly expectedPublication: (partition: PartitionKey) => string | null;
  readonly description: string;
}

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);

function seriesRow(
  captures: CapturesDefinition,
  options: FreshnessOptions,
  keys: PartitionKey[],
  today: string,
) {
  const { field, advance } = captures.graph.partition.order;
  const values = keys.map((key) => String(key[field])).sort(compareText);
  const [first = "", latest = ""] = [values[0], values.at(-1)];
  const loaded = new Set(values);
  const missing: string[] = [];
  for (let value = advance(first, 1); compareText(value, latest) < 0; value = advance(value, 1))
    if (!loaded.has(value)) missing.push(value);
  const latestKey = keys.find((key) => String(key[field]) === latest) ?? {};
  let next = advance(latest, 1);
  const nextPublication = options.expectedPublication({ ...latestKey, [field]: next });
  let behind = 0;
  for (let due = nextPublication; due !== null && due <= today; behind += 1) {
    next = advance(next, 1);
    due = options.expectedPublication({ ...latestKey, [field]: next });
  }
  const late = nextPublication === null ? 0 : Math.max(0, daysBetween(nextPublication, today));
  const series = Object.fromEntries(Object.entries(latestKey).filter(([name]) => name !== field));
  return {
    ...series,
    loaded: values.length,
    [`first_${field}`]: first,
    [`latest_${field}`]: latest,
    [`missing_${field}`]: missing.join(","),
    [`next_${field}`]: advance(latest, 1),
    next_publication_expected: nextPublication,
    published_not_loaded: behind,
    days_late: late,
    status: behind === 0 ? "current" : "late",
  };
}

function freshnessColumns(captures: CapturesDefinition) {
  const { field } = captures.graph.partition.order;
  const series = captures.partitionFields.filter((name) => name !== field);
  return [
    ...series.map((name) => ({ name, description: "the series", type: "text" as const })),
    { name: "loaded", description: `${field} values loaded`, type: "number" as const },
    { name: `first_${field}`, description: "earliest loaded" },
    { name: `latest_${field}`, description: "latest loaded" },
    { name: `missing_${field}`, description: "gaps: values between the first and latest not loaded" },
    { name: `next_${field}`, description: `the ${field} after the latest loaded` },
    { name: "next_publication_expected", description: `when the publisher first releases next_${field}` },
    {
      name: "published_not_loaded",
      description: "how many later ones should be published by today",
      type: "number" as const,
    },
    {
      name: "days_late",
      description: "days since next_publication_expected (0 if not yet due)",
      type: "number" as const,
    },
    { name: "status", description: "current, or late when published_not_loaded > 0" },
  ];
}

/**
 * `<domain>.freshness`: per series (e.g. per tier), the latest partition loaded, the gaps inside the
 * loaded range, the next publication expected and how late the data is on `today`; with `as_of`,
 * from the partitions knowable on that date (and measured on it unless `today` is given).
 */
export function createFreshnessQuery(captures: CapturesDefinition, options: FreshnessOptions) {
  return defineQuery({
    name: `${captures.domain}.freshness`,
    description: options.description,
    columns: freshnessColumns(captures),
    params: z.object({
      today: z.iso
        .date()
        .optional()
        .describe("the date to measure lateness on (YYYY-MM-DD; default: as_of, else today, UTC)"),
      as_of: asOfParam,
    }),
    run: async (context, params) => {
      const { stage } = options;
      const rows = await selectedCaptures(context.scope.db, captures.domain, {
        asOf: params.as_of,
        stage,
        variant: "default",
      })
        .select("c.partition_key")
        .execute();
      const bySeries = new Map<string, PartitionKey[]>();
      for (const row of rows) {
        const key = partitionOfCapture(row);
        const series = captures.graph.partition.seriesOf(key as Record<string, string>);
        bySeries.set(series, [...(bySeries.get(series) ?? []), key]);
      }
      const today = params.today ?? params.as_of ?? new Date().toISOString().slice(0, 10);
      return [...bySeries.keys()]
        .sort(compareText)
        .map((series) => seriesRow(captures, options, bySeries.get(series) ?? [], today));
    },
  });
}
