import type { CaptureRow } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import { baseStageOf } from "../manifest/manifest-store.js";
import { selectedCaptures } from "./as-of.js";
import type { CapturesDefinition } from "./define-captures.js";
import type { PartitionFilter } from "./partition-filter.js";
import { partitionFieldsOf, partitionKeyPatterns } from "./partition-filter.js";
import { compareText, numberOf } from "./query-options.js";
import { findStaleCaptures } from "./stale-captures.js";

/** How far one partition got: what the manifest, the latest captures and the rejects say. */
export interface PartitionCoverage {
  /** The partition's fields, each null when the stored key lacks it. */
  readonly partition: Readonly<Record<string, string | null>>;
  /** Stages the manifest records as done with current inputs, in the stage graph's order. */
  readonly stagesDone: readonly string[];
  /** Stages done once whose inputs changed since (they run again), with why, in stage order. */
  readonly stagesStale: ReadonlyArray<{ readonly stage: string; readonly reason: string }>;
  /** The partition's latest captures (one per stage and variant), as `core_captures_latest` holds them. */
  readonly latestCaptures: readonly CaptureRow[];
  /** Rejects recorded by the executions behind the latest captures. */
  readonly rejects: number;
}

interface CoverageEntry {
  readonly partitionKey: string;
  readonly done: Set<string>;
  readonly stale: Map<string, string>;
  readonly latestCaptures: CaptureRow[];
  rejects: number;
}

function entryOf(entries: Map<string, CoverageEntry>, partitionKey: string): CoverageEntry {
  let entry = entries.get(partitionKey);
  if (!entry) {
    entry = { partitionKey, done: new Set(), stale: new Map(), latestCaptures: [], rejects: 0 };
    entries.set(partitionKey, entry);
  }
  return entry;
}

// Only rejects of the executions behind the latest captures count: a re-run records its own
// rejects again, and the superseded run's rejects no longer describe the data in use.
async function addRejectCounts(
  scope: SqlScope,
  captures: CapturesDefinition,
  patterns: readonly string[],
  entries: Map<string, CoverageEntry>,
  asOf: string | undefined,
): Promise<void> {
  const selected = selectedCaptures(scope.db, captures.domain, { asOf }).selectAll("c");
  let query = scope.db
    .selectFrom(selected.as("c"))
    .innerJoin("core_rejects as r", (join) =>
      join.onRef("r.execution_id", "=", "c.execution_id").onRef("r.partition_key", "=", "c.partition_key"),
    )
    .select((expression) => ["c.partition_key", expression.fn.count<number | string>("r.id").as("rejects")])
    .where("c.domain", "=", captures.domain)
    .where("r.domain", "=", captures.domain)
    .groupBy("c.partition_key");
  for (const pattern of patterns) query = query.where("c.partition_key", "like", pattern);
  for (const row of await query.execute())
    entryOf(entries, row.partition_key).rejects = numberOf(row.rejects);
}

async function addManifestStages(
  scope: SqlScope,
  captures: CapturesDefinition,
  patterns: readonly string[],
  entries: Map<string, CoverageEntry>,
): Promise<void> {
  let manifest = scope.db
    .selectFrom("core_manifest")
    .select(["partition_key", "stage", "stale_reason"])
    .where("domain", "=", captures.domain);
  for (const pattern of patterns) manifest = manifest.where("partition_key", "like", pattern);
  for (const row of await manifest.execute()) {
    const entry = entryOf(entries, row.partition_key);
    if (row.stale_reason === null) entry.done.add(baseStageOf(row.stage));
    else entry.stale.set(baseStageOf(row.stage), row.stale_reason);
  }
}

// As of a date the manifest (today's state) does not apply: a stage is done when a capture of it
// was knowable then, and stale when one of that capture's inputs was superseded by then.
async function addStagesAsOf(
  scope: SqlScope,
  captures: CapturesDefinition,
  entries: Map<string, CoverageEntry>,
  asOf: string,
): Promise<void> {
  const all = [...entries.values()].flatMap((entry) => entry.latestCaptures);
  const ids = all.map((capture) => capture.capture_id);
  const stale = await findStaleCaptures(scope, captures, ids, { asOf });
  for (const capture of all) {
    const entry = entryOf(entries, capture.partition_key);
    const reason = stale.get(capture.capture_id);
    if (reason === undefined) entry.done.add(capture.stage);
    else entry.stale.set(capture.stage, reason);
  }
}

/**
 * The coverage of every partition of a domain that the manifest, the latest captures or the
 * rejects know of, narrowed by partition fields and ordered by them: what a domain's "which
 * partitions are loaded, and how far" listing is built from. Partition keys are compared as stored:
 * every core table holds them in canonical JSON. With `asOf`, what was knowable on that date: the
 * captures selected then (see `selectedCaptures`), their stages and staleness judged then.
 */
export async function readPartitionCoverage(
  scope: SqlScope,
  captures: CapturesDefinition,
  filter: PartitionFilter,
  options: { readonly asOf?: string | undefined } = {},
): Promise<PartitionCoverage[]> {
  const { asOf } = options;
  const patterns = partitionKeyPatterns(captures.partitionFields, filter);
  const entries = new Map<string, CoverageEntry>();
  let latest = selectedCaptures(scope.db, captures.domain, { asOf }).selectAll("c");
  for (const pattern of patterns) latest = latest.where("c.partition_key", "like", pattern);
  for (const capture of await latest.execute())
    entryOf(entries, capture.partition_key).latestCaptures.push(capture);
  if (asOf === undefined) await addManifestStages(scope, captures, patterns, entries);
  else await addStagesAsOf(scope, captures, entries, asOf);
  await addRejectCounts(scope, captures, patterns, entries, asOf);
  return [...entries.values()]
    .map((entry) => ({
      partition: partitionFieldsOf(captures.partitionFields, entry.partitionKey),
      stagesDone: captures.graph.stages.filter((stage) => entry.done.has(stage)),
      stagesStale: captures.graph.stages.flatMap((stage) => {
        const reason = entry.stale.get(stage);
        return reason === undefined ? [] : [{ stage, reason }];
      }),
      latestCaptures: entry.latestCaptures,
      rejects: entry.rejects,
    }))
    .sort((left, right) => comparePartitions(captures.partitionFields, left, right));
}

function comparePartitions(fields: readonly string[], left: PartitionCoverage, right: PartitionCoverage) {
  for (const field of fields) {
    const order = compareText(left.partition[field] ?? null, right.partition[field] ?? null);
    if (order !== 0) return order;
  }
  return 0;
}
