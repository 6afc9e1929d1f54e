import type { PartitionKey } from "../pipeline/partition.js";

/** One input of a partition, e.g. a source file: the first stage runs once per input, in order. */
export interface BackfillInput {
  /** Shown in plans, progress and failures (a file name). */
  readonly label: string;
  /** Parameters of the first stage's run for this input; the partition's key is added to them. */
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * The pipeline that runs the first stage for this input, when not the declaration's own (e.g. a
   * fetch that writes a file and then runs the declared ingest on it).
   */
  readonly pipeline?: string;
}

/**
 * One partition to backfill and its inputs, oldest first (each later one a newer revision). A
 * partition without inputs is already loaded: its first stage counts as skipped, the rest run.
 */
export interface PartitionWork {
  readonly key: PartitionKey;
  readonly inputs: readonly BackfillInput[];
}

/** What a domain found to backfill, in the order partitions should run. */
export interface BackfillWork {
  readonly partitions: readonly PartitionWork[];
  /** What the search saw but could not use (unrecognised file names), reported with the outcome. */
  readonly ignored: readonly string[];
  /** Extra metrics of a run, e.g. the range and folder that were searched. */
  readonly metrics?: Readonly<Record<string, unknown>>;
}

/** Why a backfill cannot start, with whatever the search saw. */
export interface BackfillWorkProblem {
  readonly message: string;
  readonly ignored: readonly string[];
}
