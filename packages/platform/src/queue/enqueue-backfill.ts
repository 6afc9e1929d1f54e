import { randomUUID } from "node:crypto";
import type { BackfillJob } from "../backfill/backfill-jobs.js";
import { canonicalJson } from "../database/canonical-json.js";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import { insertExecution, markExecutionRunning } from "../runtime/execution-writer.js";
import { validateOrThrow } from "../runtime/validate-or-throw.js";
import { createJobEngine } from "./create-job-engine.js";
import { finishStage } from "./queue-jobs-store.js";
import type { QueueRuntime } from "./queue-runtime.js";
import { assertQueueBackend, planContextOf } from "./queue-runtime.js";
import { queueReadyJobs } from "./settle-queued-jobs.js";

/** How `enqueueBackfill` records the run. */
export interface EnqueueOptions {
  readonly force?: boolean;
  readonly trigger?: string;
  readonly correlationId?: string;
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** A backfill turned into jobs: its execution id (the backfill id) and how many jobs it has. */
export interface QueuedBackfill {
  readonly backfillId: string;
  readonly pipeline: string;
  readonly domain: string;
  readonly jobs: number;
  readonly queued: number;
}

async function insertJobs(
  scope: SqlScope,
  backfill: {
    readonly id: string;
    readonly pipeline: string;
    readonly domain: string;
    readonly force: boolean;
  },
  jobs: readonly BackfillJob[],
): Promise<void> {
  const now = new Date().toISOString();
  const base = { backfill_id: backfill.id, domain: backfill.domain, force: backfill.force ? 1 : 0 };
  const rows = jobs.map((job) => ({
    ...base,
    position: job.position,
    partition_key: canonicalJson(job.partition),
    stage: job.stage,
    pipeline: job.pipeline,
    params: JSON.stringify(job.params),
    input: job.input,
    depends_on: JSON.stringify(job.dependsOn),
    state: "waiting" as const,
    attempts: 0,
    updated_at: now,
  }));
  // The closing job: gap checks and the parent's end, once every other job ended.
  const finish = { ...base, position: jobs.length, partition_key: "{}", stage: finishStage };
  rows.push({
    ...finish,
    pipeline: backfill.pipeline,
    params: "{}",
    input: null,
    depends_on: "[]",
    state: "waiting",
    attempts: 0,
    updated_at: now,
  });
  for (let start = 0; start < rows.length; start += 500)
    await scope.db
      .insertInto("core_queue_jobs")
      .values(rows.slice(start, start + 500))
      .execute();
}

async function recordBackfillExecution(
  scope: SqlScope,
  backfill: { readonly id: string; readonly pipeline: string; readonly params: Record<string, unknown> },
  options: EnqueueOptions,
): Promise<void> {
  const { id } = backfill;
  const createdAt = new Date().toISOString();
  await insertExecution(scope.db, {
    id,
    pipeline: backfill.pipeline,
    params: backfill.params,
    trigger: options.trigger ?? "api",
    lane: "queue",
    parentExecutionId: null,
    batchId: id,
    correlationId: options.correlationId ?? id,
    createdAt,
    owner: "queue",
  });
  await markExecutionRunning(scope.db, id, createdAt);
}

/**
 * Turns a backfill into jobs, one per partition and stage in stage-graph order, and enqueues the
 * ready ones in the same transaction that records the parent execution: either all of it exists
 * or none. Workers (`startWorker`) run them. Needs PostgreSQL.
 */
export async function enqueueBackfill(
  runtime: QueueRuntime,
  pipelineName: string,
  rawParams: Readonly<Record<string, unknown>>,
  options: EnqueueOptions = {},
): Promise<QueuedBackfill> {
  assertQueueBackend(runtime);
  const pipeline = runtime.registry.getPipeline(pipelineName);
  if (pipeline.queue === undefined)
    throw new SpineError(
      "USAGE",
      `${pipeline.name} cannot run on the queue: only backfills can (e.g. otc.backfill_range).`,
    );
  const params = validateOrThrow(pipeline, rawParams) as Record<string, unknown>;
  const force = (options.force ?? false) || params.force === true;
  const context = planContextOf(runtime, force, options.environment ?? process.env);
  const plan = await pipeline.queue.jobs(context, params);
  const id = randomUUID();
  const engine = await createJobEngine(runtime.settings, {
    logger: runtime.logger,
    supervise: false,
    connections: 2,
  });
  try {
    const queued = await runtime.database.transaction(async (scope) => {
      await recordBackfillExecution(scope, { id, pipeline: pipeline.name, params }, options);
      await insertJobs(scope, { id, pipeline: pipeline.name, domain: plan.domain, force }, plan.jobs);
      return queueReadyJobs(scope, engine, id);
    });
    runtime.logger.info("backfill queued", { backfill_id: id, jobs: plan.jobs.length, queued });
    return { backfillId: id, pipeline: pipeline.name, domain: plan.domain, jobs: plan.jobs.length, queued };
  } finally {
    await engine.stop(false);
  }
}
