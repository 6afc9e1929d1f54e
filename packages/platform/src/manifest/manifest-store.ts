import type { Kysely } from "kysely";
import { canonicalJson } from "../database/canonical-json.js";
import type { CoreTables, ManifestRow } from "../database/core-tables.js";
import type { PartitionKey } from "../pipeline/partition.js";

/** A manifest entry with its JSON decoded. */
export interface ManifestEntry {
  readonly domain: string;
  readonly partition: PartitionKey;
  readonly stage: string;
  readonly rowCount: number;
  readonly executionId: string;
  readonly batchId: string | null;
  readonly fingerprint: string | null;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
}

/** A manifest entry whose data an input change made stale: it counts as not done. */
export interface StaleManifestEntry extends ManifestEntry {
  readonly staleReason: string;
  readonly staleSince: string | null;
}

/**
 * Reads of the stage manifest, available to pipelines and queries. `get` and `list` see the
 * stages done with current inputs; a stale entry counts as not done and is read with `listStale`.
 */
export interface ManifestReader {
  get(domain: string, partition: PartitionKey, stage: string): Promise<ManifestEntry | null>;
  list(domain: string, filter?: { stage?: string }): Promise<ManifestEntry[]>;
  listStale(domain: string, filter?: { partition?: PartitionKey }): Promise<StaleManifestEntry[]>;
}

function toEntry(row: ManifestRow): ManifestEntry {
  return {
    domain: row.domain,
    partition: JSON.parse(row.partition_key) as PartitionKey,
    stage: row.stage,
    rowCount: Number(row.row_count),
    executionId: row.execution_id,
    batchId: row.batch_id,
    fingerprint: row.fingerprint,
    metrics: JSON.parse(row.metrics) as Record<string, unknown>,
    updatedAt: row.updated_at,
  };
}

/** Creates a {@link ManifestReader} over a database handle (a transaction's, inside a stage). */
export function createManifestReader(db: Kysely<CoreTables>): ManifestReader {
  return {
    async get(domain, partition, stage) {
      const row = await db
        .selectFrom("core_manifest")
        .selectAll()
        .where("domain", "=", domain)
        .where("partition_key", "=", canonicalJson(partition))
        .where("stage", "=", stage)
        .where("stale_reason", "is", null)
        .executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    async list(domain, filter = {}) {
      let query = db
        .selectFrom("core_manifest")
        .selectAll()
        .where("domain", "=", domain)
        .where("stale_reason", "is", null);
      if (filter.stage) query = query.where("stage", "=", filter.stage);
      const rows = await query.orderBy("partition_key").orderBy("stage").execute();
      return rows.map(toEntry);
    },
    async listStale(domain, filter = {}) {
      let query = db
        .selectFrom("core_manifest")
        .selectAll()
        .where("domain", "=", domain)
        .where("stale_reason", "is not", null);
      if (filter.partition) query = query.where("partition_key", "=", canonicalJson(filter.partition));
      const rows = await query.orderBy("partition_key").orderBy("stage").execute();
      return rows.map((row) => ({
        ...toEntry(row),
        staleReason: row.stale_reason ?? "",
        staleSince: row.stale_since,
      }));
    },
  };
}

/** Records a completed stage, replacing any earlier entry for the same partition and stage. */
export async function writeManifestEntry(
  db: Kysely<CoreTables>,
  entry: Omit<ManifestEntry, "updatedAt">,
  updatedAt: string,
): Promise<void> {
  const partitionKey = canonicalJson(entry.partition);
  await db
    .deleteFrom("core_manifest")
    .where("domain", "=", entry.domain)
    .where("partition_key", "=", partitionKey)
    .where("stage", "=", entry.stage)
    .execute();
  await db
    .insertInto("core_manifest")
    .values({
      domain: entry.domain,
      partition_key: partitionKey,
      stage: entry.stage,
      row_count: entry.rowCount,
      execution_id: entry.executionId,
      batch_id: entry.batchId,
      fingerprint: entry.fingerprint,
      metrics: JSON.stringify(entry.metrics),
      updated_at: updatedAt,
      stale_reason: null,
      stale_since: null,
    })
    .execute();
}

/** Why entries became stale and when, recorded on each entry marked. */
export interface StaleMark {
  readonly reason: string;
  readonly at: string;
}

/**
 * Marks the manifest entries of every stage after `stage` for one partition stale, so they run
 * again. Returns the stages that were invalidated.
 */
export async function invalidateLaterStages(
  db: Kysely<CoreTables>,
  target: { readonly domain: string; readonly partition: PartitionKey },
  stages: readonly string[],
  stage: string,
  mark: StaleMark,
): Promise<string[]> {
  const later = stages.slice(stages.indexOf(stage) + 1);
  return invalidateStages(db, target.domain, target.partition, later, mark);
}

/**
 * Marks the done manifest entries of the given stages for one partition stale (kept, with the
 * reason, so status commands and queries can say so; a stale entry counts as not done until its
 * stage runs again); returns those marked.
 */
export async function invalidateStages(
  db: Kysely<CoreTables>,
  domain: string,
  partition: PartitionKey,
  stages: readonly string[],
  mark: StaleMark,
): Promise<string[]> {
  if (stages.length === 0) return [];
  const removed = await db
    .updateTable("core_manifest")
    .set({ stale_reason: mark.reason, stale_since: mark.at })
    .where("domain", "=", domain)
    .where("partition_key", "=", canonicalJson(partition))
    .where("stage", "in", stages)
    .where("stale_reason", "is", null)
    .returning("stage")
    .execute();
  // RETURNING order is unspecified (PostgreSQL returns physical order): report in stage order.
  const removedStages = new Set(removed.map((row) => row.stage));
  return stages.filter((name) => removedStages.has(name));
}
