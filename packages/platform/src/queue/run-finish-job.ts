import type { SqlScope } from "../database/spine-database.js";
import { endBackfill } from "./end-backfill.js";
import type { JobClaim } from "./job-claims.js";
import { updateClaimedJob } from "./job-claims.js";
import type { JobRunner } from "./job-runner.js";
import { lockBackfill } from "./queue-jobs-store.js";

async function readParent(runner: JobRunner, backfillId: string) {
  return runner.runtime.database.db
    .selectFrom("core_executions")
    .select(["id", "pipeline", "params", "batch_id", "correlation_id"])
    .where("id", "=", backfillId)
    .executeTakeFirstOrThrow();
}

/**
 * Runs a backfill's closing job: its own closing work (a backfill's gap checks) in the parent
 * execution and the parent's end, in one transaction, so the checks' rows and the end commit
 * together. When the closing work throws, its writes roll back and a second transaction ends
 * the parent failed, saying why. A worker whose claim was taken over changes nothing.
 */
export async function runFinishJob(runner: JobRunner, claim: JobClaim): Promise<void> {
  const { runtime } = runner;
  const parent = await readParent(runner, claim.backfillId);
  const pipeline = runtime.registry.getPipeline(parent.pipeline);
  const bound = {
    id: parent.id,
    pipeline: parent.pipeline,
    batchId: parent.batch_id ?? parent.id,
    correlationId: parent.correlation_id ?? parent.id,
  };
  const end = async (failure: string | null, work?: (scope: SqlScope) => Promise<unknown>) =>
    runtime.database.transaction(async (scope) => {
      await lockBackfill(scope.db, claim.backfillId);
      const changes = { state: failure === null ? ("done" as const) : ("failed" as const), error: failure };
      if (!(await updateClaimedJob(scope.db, claim, changes))) return;
      await work?.(scope);
      await endBackfill(scope, claim.backfillId, failure);
    });
  try {
    await end(null, (scope) =>
      runtime.dispatcher.runWithin(
        bound,
        (context) => pipeline.queue?.finish(context, JSON.parse(parent.params)) ?? Promise.resolve(),
        scope,
      ),
    );
  } catch (error) {
    await end(`closing work failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
