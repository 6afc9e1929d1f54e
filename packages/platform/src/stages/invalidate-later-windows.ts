import type { Kysely } from "kysely";
import { canonicalJson } from "../database/canonical-json.js";
import type { CoreTables } from "../database/core-tables.js";
import type { ManifestEntry, StaleMark } from "../manifest/manifest-store.js";
import { baseStageOf, createManifestReader, invalidateStages } from "../manifest/manifest-store.js";
import type { PartitionKey } from "../pipeline/partition.js";
import type { StageGraph } from "./define-stage-graph.js";

/** True when a change to `changedStages` of `partition` makes this later entry stale. */
function isStale(
  graph: StageGraph,
  partition: PartitionKey,
  changedStages: readonly string[],
  entry: ManifestEntry,
): boolean {
  return changedStages.some((changed) =>
    graph
      .windowReadersOf(changed)
      .some(
        (reader) =>
          graph.stagesFrom(reader.stage).includes(baseStageOf(entry.stage)) &&
          graph.partition.isWithinWindowAfter(partition, entry.partition, reader.window.maximumSize),
      ),
  );
}

/**
 * A partition's output of `changedStages` is read by the windows of later partitions of its series
 * (e.g. a week's aggregate sits in the next weeks' rolling windows): marks the manifest entries
 * of those window stages and every stage after them stale, so they run again and status commands
 * and queries say so meanwhile. Runs on `db`, so inside a stage it is part of the stage's
 * transaction. Returns how many entries were marked.
 */
export async function invalidateLaterWindows(
  db: Kysely<CoreTables>,
  target: {
    readonly domain: string;
    readonly graph: StageGraph;
    readonly partition: PartitionKey;
    readonly changedStages: readonly string[];
    readonly mark: StaleMark;
  },
): Promise<number> {
  const { domain, graph, partition, changedStages, mark } = target;
  if (!changedStages.some((stage) => graph.windowReadersOf(stage).length > 0)) return 0;
  const stale = new Map<string, { partition: PartitionKey; stages: string[] }>();
  for (const entry of await createManifestReader(db).list(domain)) {
    if (!isStale(graph, partition, changedStages, entry)) continue;
    const key = canonicalJson(entry.partition);
    const found = stale.get(key) ?? { partition: entry.partition, stages: [] };
    found.stages.push(entry.stage);
    stale.set(key, found);
  }
  let removed = 0;
  for (const entry of stale.values())
    removed += (await invalidateStages(db, domain, entry.partition, entry.stages, mark)).length;
  return removed;
}
