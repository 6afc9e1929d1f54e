import { canonicalJson } from "../database/canonical-json.js";

/** Values of some partition fields to narrow rows of the core tables by; undefined means any. */
export type PartitionFilter = Readonly<Record<string, unknown>>;

/**
 * LIKE patterns matching core tables' canonical-JSON `partition_key` on each given field. LIKE is
 * portable where JSON functions differ between SQLite and PostgreSQL; canonicalJson writes every
 * field as `"name":value` with no spaces, so the fragment is exact.
 */
export function partitionKeyPatterns(fields: readonly string[], filter: PartitionFilter): string[] {
  const patterns: string[] = [];
  for (const field of fields) {
    const value = filter[field];
    if (value !== undefined) patterns.push(`%${canonicalJson({ [field]: value }).slice(1, -1)}%`);
  }
  return patterns;
}

/** The given fields of a stored partition key, each null when absent or not a string. */
export function partitionFieldsOf(
  fields: readonly string[],
  partitionKey: string,
): Record<string, string | null> {
  const parsed = JSON.parse(partitionKey) as Record<string, unknown>;
  const values: Record<string, string | null> = {};
  for (const field of fields) {
    const value = parsed[field];
    values[field] = typeof value === "string" ? value : null;
  }
  return values;
}
