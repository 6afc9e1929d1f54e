import type { Insertable } from "kysely";
import type { CoreTables } from "../../src/database/core-tables.js";

/**
 * A manifest row of a done partition and stage, as tests store it directly: one row, one
 * execution, no fingerprint; `stale_reason` marks it stale.
 */
export function manifestRow(
  entry: { readonly domain: string; readonly partition: Record<string, unknown>; readonly stage: string },
  options: { readonly updatedAt?: string; readonly staleReason?: string | null } = {},
): Insertable<CoreTables["core_manifest"]> {
  const staleReason = options.staleReason ?? null;
  return {
    domain: entry.domain,
    partition_key: JSON.stringify(entry.partition),
    stage: entry.stage,
    row_count: 1,
    execution_id: "execution-1",
    batch_id: null,
    fingerprint: null,
    metrics: "{}",
    updated_at: options.updatedAt ?? "2025-11-01T00:00:00.000Z",
    stale_reason: staleReason,
    stale_since: staleReason === null ? null : "2026-01-02T00:00:00.000Z",
  };
}
