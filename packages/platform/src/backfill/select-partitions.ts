import { z } from "zod";
import { canonicalJson } from "../database/canonical-json.js";
import type { SqlScope } from "../database/spine-database.js";
import { baseStageOf } from "../manifest/manifest-store.js";
import type { StageGraph } from "../stages/define-stage-graph.js";
import type { PartitionWork } from "./backfill-work.js";

/** The partition states a backfill can be narrowed to with `only`. */
export const backfillSelections = ["stale", "failed", "missing"] as const;

/** One state of {@link backfillSelections}. */
export type BackfillSelection = (typeof backfillSelections)[number];

/** `only`: a comma-separated list (or array) of partition states; absent means every partition. */
export const backfillOnlyParam = z
  .preprocess(
    (value) => (typeof value === "string" ? value.split(",").map((part) => part.trim()) : value),
    z.array(z.enum(backfillSelections)).min(1),
  )
  .optional()
  .describe(
    "refresh only the partitions in these states: stale (an input changed since a stage ran), failed (the last run failed), missing (a stage never ran); e.g. stale,failed,missing",
  );

interface PartitionStates {
  readonly stale: Set<string>;
  readonly done: Map<string, Set<string>>;
}

async function readStates(scope: SqlScope, domain: string): Promise<PartitionStates> {
  const rows = await scope.db
    .selectFrom("core_manifest")
    .select(["partition_key", "stage", "stale_reason"])
    .where("domain", "=", domain)
    .execute();
  const stale = new Set<string>();
  const done = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.stale_reason !== null) stale.add(row.partition_key);
    const stages = done.get(row.partition_key) ?? new Set<string>();
    // A window or version variant (`rolling@window_6`) counts for its stage.
    stages.add(baseStageOf(row.stage));
    done.set(row.partition_key, stages);
  }
  return { stale, done };
}

// A stage run's execution carries its partition's lock key: the last one tells how it ended.
async function lastRunFailed(scope: SqlScope, domain: string, partitionKey: string): Promise<boolean> {
  const last = await scope.db
    .selectFrom("core_executions")
    .select("status")
    .where("logical_key", "=", `${domain}:${partitionKey}`)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return last?.status === "failed";
}

/**
 * The partitions of `works` in any of the `only` states (all of them without `only`), in order:
 * what `backfill -p only=stale,failed,missing` refreshes.
 */
export async function selectPartitions(
  scope: SqlScope,
  target: { readonly domain: string; readonly graph: StageGraph },
  works: readonly PartitionWork[],
  only: readonly BackfillSelection[] | undefined,
): Promise<PartitionWork[]> {
  if (only === undefined) return [...works];
  const states = await readStates(scope, target.domain);
  const selected: PartitionWork[] = [];
  for (const work of works) {
    const key = canonicalJson(work.key);
    const recorded = states.done.get(key) ?? new Set<string>();
    const matches =
      (only.includes("stale") && states.stale.has(key)) ||
      (only.includes("missing") && target.graph.stages.some((stage) => !recorded.has(stage))) ||
      (only.includes("failed") && (await lastRunFailed(scope, target.domain, key)));
    if (matches) selected.push(work);
  }
  return selected;
}
