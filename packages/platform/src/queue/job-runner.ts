import type { JobEngine } from "./create-job-engine.js";
import type { QueueRuntime } from "./queue-runtime.js";

/** What a worker needs to run one job. */
export interface JobRunner {
  readonly runtime: QueueRuntime;
  readonly engine: JobEngine;
  /** Shown in `spine backfill status` as the job's worker. */
  readonly worker: string;
}
