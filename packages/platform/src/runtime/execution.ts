import type { ExecutionStatus } from "../database/core-tables.js";
import type { SpineErrorCode } from "../errors/spine-error.js";
import type { PartitionKey } from "../pipeline/partition.js";

/** How a submission should be recorded and run. */
export interface SubmitOptions {
  /** Who asked: `cli`, `api`, `schedule`, `parent`, ... */
  readonly trigger?: string;
  /** A queue name for operators; recorded, not interpreted. */
  readonly lane?: string;
  /** Overrides the lock key; defaults to the stage's domain and partition. */
  readonly logicalKey?: string;
  readonly parentExecutionId?: string;
  readonly batchId?: string;
  /**
   * Groups the runs of one business process (e.g. one weekly load of every tier and domain) above
   * executions and batches; children inherit their parent's. Defaults to the execution's id.
   */
  readonly correlationId?: string;
  /** Re-run even if the manifest says the stage is done; later stages are invalidated. */
  readonly force?: boolean;
}

/** The record of one run, as returned by `submit`. */
export interface Execution {
  readonly id: string;
  readonly pipeline: string;
  readonly status: ExecutionStatus;
  readonly params: Readonly<Record<string, unknown>>;
  readonly trigger: string;
  readonly lane: string;
  readonly logicalKey: string | null;
  readonly parentExecutionId: string | null;
  readonly batchId: string | null;
  readonly correlationId: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly errorCode: SpineErrorCode | null;
  /** The failure may pass if tried again later (see SpineErrorOptions.transient). */
  readonly transient: boolean;
  readonly metrics: Readonly<Record<string, unknown>>;
  /** In-memory result of the run (e.g. a backfill summary); not persisted beyond metrics. */
  readonly output: unknown;
}

/** One step of a dry-run plan. */
export interface PlanStep {
  readonly pipeline: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly partition: PartitionKey | null;
  readonly action: "run" | "skip";
  readonly reason: string;
  readonly steps?: readonly PlanStep[];
}
