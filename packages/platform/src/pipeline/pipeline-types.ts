import type { z } from "zod";
import type { BackfillJobPlan } from "../backfill/backfill-jobs.js";
import type { CalculationDefinition } from "../calculations/define-calculation.js";
import type { SqlScope } from "../database/spine-database.js";
import type { Logger } from "../logging/logger.js";
import type { ManifestReader } from "../manifest/manifest-store.js";
import type { QualityRecorder } from "../quality/quality-recorder.js";
import type { RejectRecorder } from "../rejects/reject-recorder.js";
import type { Execution, PlanStep, SubmitOptions } from "../runtime/execution.js";
import type { PartitionKey } from "./partition.js";

export type { PartitionKey } from "./partition.js";

/** What a staged pipeline works on, decided before it runs. */
export interface PartitionDecision {
  readonly key: PartitionKey;
  /**
   * Identifies the input (e.g. a file's sha256). A stage already done with the same fingerprint
   * is skipped; a different fingerprint means new input and the stage runs again.
   */
  readonly fingerprint?: string;
  /**
   * What deciding the partition learned about the input (a file's placement, read from all its
   * rows), handed to `run` as `context.partition.inputFacts` so a large input is not read twice.
   */
  readonly inputFacts?: unknown;
  /**
   * Names a variant of the stage's output kept beside the others (a window size, a non-current
   * calculation version): each variant has its own manifest entry (`<stage>@<variant>`), so
   * switching between variants skips those already done.
   */
  readonly variant?: string;
  /**
   * True for a side-by-side output that no later stage reads (a non-current calculation version):
   * completing it makes nothing stale.
   */
  readonly sideBySide?: boolean;
}

/** Read-only access used while deciding partitions and plans. */
export interface ReadContext {
  readonly scope: SqlScope;
  readonly manifest: ManifestReader;
  readonly logger: Logger;
  /**
   * The variables the run was started with (the CLI's environment), for sources configured by
   * their own variables (an API's URL and credentials): read them here, never from process.env.
   */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** True while planning (`spine run --dry-run`): nothing is written, not even remembered facts. */
  readonly planning?: boolean;
}

/**
 * Declares that a pipeline is one stage of a domain's per-partition workflow. Staged pipelines are
 * idempotent through the manifest, hold the partition's lock and run in one transaction.
 */
export interface StageDeclaration<Params> {
  readonly domain: string;
  readonly stage: string;
  readonly partition: (
    params: Params,
    context: ReadContext,
  ) => PartitionDecision | Promise<PartitionDecision>;
}

/** Progress of long work; rendered on stderr by the CLI and logged. */
export interface ProgressUpdate {
  readonly completed: number;
  /** Rows the work has read so far (a backfill: the rows of the inputs it has loaded). */
  readonly rows?: number;
  readonly total?: number;
  readonly unit?: string;
  readonly message?: string;
}

/** Everything a pipeline may touch: the platform's resources, bound to this execution. */
export interface PipelineContext extends ReadContext {
  readonly executionId: string;
  readonly batchId: string;
  readonly pipeline: string;
  readonly force: boolean;
  /** The folder for files a run fetches before loading them (SPINE_LANDING_DIR, else beside the database). */
  readonly landingDirectory: string;
  /** The partition of a staged pipeline; null for orchestrators. */
  readonly partition: {
    readonly domain: string;
    readonly key: PartitionKey;
    readonly stage: string;
    /** The input fingerprint the stage declared (e.g. a file hash), so the run need not recompute it. */
    readonly fingerprint: string | null;
    /** What the stage's partition function learned about its input (see PartitionDecision). */
    readonly inputFacts?: unknown;
  } | null;
  readonly rejects: RejectRecorder;
  readonly quality: QualityRecorder;
  /** Runs a child pipeline linked to this execution. Orchestrators only: a stage holds a transaction. */
  submit(
    pipeline: string,
    params: Readonly<Record<string, unknown>>,
    options?: ChildOptions,
  ): Promise<Execution>;
  /** Says what a child would do (run or skip, and why) without running it. */
  plan(
    pipeline: string,
    params: Readonly<Record<string, unknown>>,
    options?: ChildOptions,
  ): Promise<PlanStep>;
  progress(update: ProgressUpdate): void;
  /**
   * Marks stages of another partition as not done, for dependencies the stage order cannot see
   * (e.g. a week's new aggregate makes the next weeks' rolling windows stale). In the current transaction.
   */
  invalidate(target: {
    readonly domain?: string;
    readonly partition: PartitionKey;
    readonly stages: readonly string[];
    /** Recorded on the stale entries; defaults to naming this pipeline and execution. */
    readonly reason?: string;
  }): Promise<string[]>;
  /**
   * Says that a partition's output of `stages` changed outside a stage run (e.g. a rollback removed
   * it): the window stages of later partitions reading it, per the domain's stage graph, are marked
   * not done (a stage's own runs do this by themselves). Returns how many entries were marked stale.
   */
  invalidateLaterWindows(target: {
    readonly domain?: string;
    readonly partition: PartitionKey;
    readonly stages: readonly string[];
    /** Recorded on the stale entries; defaults to naming the changed partition and stages. */
    readonly reason?: string;
  }): Promise<number>;
  /**
   * For orchestrators that change a partition's data outside a stage (e.g. a rollback): holds the
   * partition's lock, the same one its stages take, and runs `work` in one transaction. Inside,
   * use only the scope and helpers given to `work`.
   */
  exclusive<T>(
    target: { readonly domain?: string; readonly partition: PartitionKey },
    work: (exclusive: ExclusiveScope) => Promise<T>,
  ): Promise<T>;
  now(): Date;
}

/** What {@link PipelineContext.exclusive} hands its work: a transaction and that partition's manifest. */
export interface ExclusiveScope {
  readonly scope: SqlScope;
  readonly manifest: ManifestReader;
  /** Marks stages of the locked partition stale (not done), in the same transaction. */
  invalidate(stages: readonly string[], reason?: string): Promise<string[]>;
}

/** Options a parent may pass to a child. */
export type ChildOptions = Pick<SubmitOptions, "force" | "lane">;

/** What a run returns. `failure` marks the execution failed while keeping `output` (e.g. a summary). */
export interface PipelineOutcome {
  readonly rowCount?: number;
  readonly metrics?: Readonly<Record<string, unknown>>;
  readonly output?: unknown;
  readonly failure?: string;
  /**
   * Ends an orchestrator `skipped` with this reason instead of `completed`: it found nothing new
   * (e.g. a fetch whose content is already loaded), so a backfill does not count it as work done.
   */
  readonly skipped?: string;
}

/** A pipeline: a plain object with zod parameters and a run function. */
export interface PipelineDefinition<Schema extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly params: Schema;
  readonly stage?: StageDeclaration<z.output<Schema>>;
  /** Every version of the calculations the pipeline computes (`spine describe` lists them). */
  readonly calculations?: readonly CalculationDefinition[];
  readonly run: (context: PipelineContext, params: z.output<Schema>) => Promise<PipelineOutcome>;
  /** For `--dry-run` of orchestrators: the steps a run would take. Staged pipelines are planned by the platform. */
  readonly plan?: (context: PlanContext, params: z.output<Schema>) => Promise<readonly PlanStep[]>;
  /** For `--queue`: the jobs a run is split into, and what runs once they all ended (defineBackfill). */
  readonly queue?: QueuedPipeline<z.output<Schema>>;
}

/** How an orchestrator runs as jobs on a queue: its jobs, then its closing work once all ended. */
export interface QueuedPipeline<Params> {
  jobs(context: PlanContext, params: Params): Promise<BackfillJobPlan>;
  /** Runs in the parent execution once every job has ended (a backfill's gap checks). */
  finish(context: PipelineContext, params: Params): Promise<void>;
}

/** Context given to {@link PipelineDefinition.plan}. */
export interface PlanContext extends ReadContext {
  readonly force: boolean;
  plan(
    pipeline: string,
    params: Readonly<Record<string, unknown>>,
    options?: ChildOptions,
  ): Promise<PlanStep>;
}

/**
 * A pipeline of any parameter schema. `run` takes its parameters contravariantly, so a registry
 * holding many pipelines can only name them with `any`; parameters are validated before each run.
 */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous registry, see above
export type AnyPipelineDefinition = PipelineDefinition<any>;
