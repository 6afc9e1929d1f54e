import { hostname } from "node:os";
import { createJobEngine } from "./create-job-engine.js";
import type { QueueRuntime } from "./queue-runtime.js";
import { assertQueueBackend } from "./queue-runtime.js";
import { runQueuedJob } from "./run-queued-job.js";
import { settleExhaustedJob } from "./settle-exhausted-job.js";

/** How a worker runs. */
export interface WorkerOptions {
  /** Jobs run at once per domain queue; default 1. */
  readonly concurrency?: number;
  /** The domains whose jobs it takes; default every registered domain. */
  readonly domains?: readonly string[];
  /** Its name in `spine backfill status`; default `host:pid`. */
  readonly name?: string;
}

/** A running worker. */
export interface Worker {
  readonly name: string;
  readonly domains: readonly string[];
  /** Stops taking jobs; waits for those in hand to finish (graceful) or not. */
  stop(graceful?: boolean): Promise<void>;
}

/**
 * Starts a worker: takes jobs of queued backfills from the job engine and runs each through the
 * dispatcher, so executions, manifest, captures, rejects and quality rows are those of an
 * in-process run. Any number of workers may run, on any machines reaching the PostgreSQL server.
 */
export async function startWorker(runtime: QueueRuntime, options: WorkerOptions = {}): Promise<Worker> {
  assertQueueBackend(runtime);
  const domains = options.domains ?? runtime.registry.domains.map((domain) => domain.name);
  for (const domain of domains) runtime.registry.getDomain(domain);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const engine = await createJobEngine(runtime.settings, {
    logger: runtime.logger,
    supervise: true,
    connections: concurrency * domains.length + 2,
  });
  const runner = { runtime, engine, worker: name };
  await engine.work(domains, concurrency, {
    run: (job) => runQueuedJob(runner, job),
    exhausted: (job) => settleExhaustedJob(runtime, engine, job),
  });
  runtime.logger.info("worker started", { worker: name, domains, concurrency });
  return {
    name,
    domains,
    stop: async (graceful = true) => {
      await engine.stop(graceful);
      runtime.logger.info("worker stopped", { worker: name, graceful });
    },
  };
}
