import type { Tier } from "@spine/finra";
import { canonicalJson } from "@spine/platform";

/** An optional tier and week narrowing rows of the platform's core tables. */
export interface PartitionFilter {
  readonly tier?: Tier | undefined;
  readonly week_ending?: string | undefined;
}

/**
 * LIKE patterns matching core tables' canonical-JSON `partition_key` on each given field. LIKE is
 * portable where JSON functions differ between SQLite and PostgreSQL; canonicalJson writes every
 * field as `"name":value` with no spaces, so the fragment is exact.
 */
export function partitionKeyPatterns(filter: PartitionFilter): string[] {
  const patterns: string[] = [];
  if (filter.tier !== undefined) patterns.push(`%${canonicalJson({ tier: filter.tier }).slice(1, -1)}%`);
  if (filter.week_ending !== undefined)
    patterns.push(`%${canonicalJson({ week_ending: filter.week_ending }).slice(1, -1)}%`);
  return patterns;
}

/** The tier and week_ending of a stored partition key (null fields when absent). */
export function tierWeekOfPartitionKey(partitionKey: string): {
  tier: string | null;
  week_ending: string | null;
} {
  const parsed = JSON.parse(partitionKey) as Record<string, unknown>;
  return {
    tier: typeof parsed.tier === "string" ? parsed.tier : null,
    week_ending: typeof parsed.week_ending === "string" ? parsed.week_ending : null,
  };
}
