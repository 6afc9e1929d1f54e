import { canonicalJson } from "../database/canonical-json.js";
import type { SqlScope } from "../database/spine-database.js";
import type { Logger } from "../logging/logger.js";
import { invalidateLaterStages } from "../manifest/manifest-store.js";
import type { PartitionKey } from "../pipeline/partition.js";
import { invalidateLaterWindows } from "../stages/invalidate-later-windows.js";
import type { RuntimeDependencies } from "./runtime-dependencies.js";

/**
 * A stage's new output makes the later stages of its partition stale, and, through the domain's
 * stage graph, the window stages of later partitions that read it; in the stage's transaction.
 */
export async function invalidateDependents(
  scope: SqlScope,
  dependencies: RuntimeDependencies,
  stage: { readonly domain: string; readonly stage: string },
  partition: PartitionKey,
  run: { readonly logger: Logger; readonly executionId: string; readonly at: string },
): Promise<Record<string, unknown>> {
  const { logger } = run;
  const { stages, graph } = dependencies.registry.getDomain(stage.domain);
  const mark = {
    reason: `${stage.stage} of ${canonicalJson(partition)} changed (execution ${run.executionId})`,
    at: run.at,
  };
  const target = { domain: stage.domain, partition };
  const invalidated = await invalidateLaterStages(scope.db, target, stages, stage.stage, mark);
  if (invalidated.length > 0) logger.info("invalidated later stages", { stages: invalidated });
  if (!graph) return { invalidatedStages: invalidated };
  // The stage and every later one of the partition change (they run again): windows reading any
  // of them in later partitions are stale too, even before those stages have run.
  const changedStages = graph.isStage(stage.stage) ? graph.stagesFrom(stage.stage) : [stage.stage];
  const windows = { domain: stage.domain, graph, partition, changedStages, mark };
  const laterWindows = await invalidateLaterWindows(scope.db, windows);
  if (laterWindows > 0) logger.info("invalidated later windows", { entries: laterWindows });
  return { invalidatedStages: invalidated, invalidatedLaterWindows: laterWindows };
}
