import { findKnownInput, knownInputReason } from "../captures/find-known-input.js";
import { createManifestReader, manifestStageName } from "../manifest/manifest-store.js";
import type {
  AnyPipelineDefinition,
  ChildOptions,
  PlanContext,
  ReadContext,
} from "../pipeline/pipeline-types.js";
import type { PlanStep } from "./execution.js";
import type { RuntimeDependencies } from "./runtime-dependencies.js";
import { validateOrThrow } from "./validate-or-throw.js";

/** The read-only context used for partitions and plans, outside any transaction. */
export function createReadContext(
  dependencies: RuntimeDependencies,
  logger = dependencies.logger,
): ReadContext {
  const { database } = dependencies;
  const environment = dependencies.environment ?? process.env;
  return { scope: database, manifest: createManifestReader(database.db), logger, environment };
}

async function planStaged(
  pipeline: AnyPipelineDefinition,
  params: Record<string, unknown>,
  force: boolean,
  context: ReadContext,
): Promise<PlanStep> {
  const stage = pipeline.stage;
  if (!stage) throw new Error("planStaged needs a staged pipeline");
  const decision = await stage.partition(params, context);
  const manifestStage = manifestStageName(stage.stage, decision.variant);
  const existing = await context.manifest.get(stage.domain, decision.key, manifestStage);
  const base = { pipeline: pipeline.name, params, partition: decision.key };
  if (!existing) {
    const stale = await context.manifest.listStale(stage.domain, { partition: decision.key });
    const entry = stale.find((candidate) => candidate.stage === manifestStage);
    const reason = entry ? `stale: ${entry.staleReason}` : "not done yet";
    return { ...base, action: "run", reason };
  }
  if (force) return { ...base, action: "run", reason: "forced; later stages will be invalidated" };
  if (decision.fingerprint !== undefined && existing.fingerprint !== decision.fingerprint) {
    const target = { domain: stage.domain, partition: decision.key, stage: stage.stage };
    const known = await findKnownInput(context.scope.db, target, decision.fingerprint);
    if (known) return { ...base, action: "skip", reason: knownInputReason(known) };
    return { ...base, action: "run", reason: "input changed since the last run (new revision)" };
  }
  return {
    ...base,
    action: "skip",
    reason: `already done by execution ${existing.executionId} at ${existing.updatedAt}`,
  };
}

/**
 * Says what submitting would do, writing nothing: for a stage, run or skip according to the
 * manifest; for an orchestrator, the steps its own `plan` lists.
 */
export async function planPipeline(
  dependencies: RuntimeDependencies,
  pipelineName: string,
  rawParams: Readonly<Record<string, unknown>>,
  options: ChildOptions = {},
): Promise<PlanStep> {
  const pipeline = dependencies.registry.getPipeline(pipelineName);
  const params = validateOrThrow(pipeline, rawParams) as Record<string, unknown>;
  const force = options.force ?? false;
  const context = { ...createReadContext(dependencies), planning: true };
  if (pipeline.stage) return planStaged(pipeline, params, force, context);
  if (!pipeline.plan)
    return { pipeline: pipeline.name, params, partition: null, action: "run", reason: "runs when submitted" };
  const planContext: PlanContext = {
    ...context,
    force,
    plan: (child, childParams, childOptions) =>
      planPipeline(dependencies, child, childParams, { force, ...childOptions }),
  };
  const steps = await pipeline.plan(planContext, params);
  const runs = steps.filter((step) => step.action === "run").length;
  return {
    pipeline: pipeline.name,
    params,
    partition: null,
    action: runs > 0 ? "run" : "skip",
    reason: `${runs} of ${steps.length} steps would run`,
    steps,
  };
}
