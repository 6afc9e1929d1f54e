import type { PipelineContext, PipelineOutcome } from "@spine/platform";
import { definePipeline, SpineError } from "@spine/platform";
import { summarizeBackfill } from "../calculations/backfill-summary.js";
import { planBackfill, planReason, planRows } from "./support/backfill-dry-run.js";
import type { BackfillParams } from "./support/backfill-params.js";
import { backfillParams } from "./support/backfill-params.js";
import { runBackfill } from "./support/backfill-runner.js";
import type { BackfillWork } from "./support/backfill-work.js";
import { findBackfillWork } from "./support/backfill-work.js";

// The pipeline's own force (CLI --force) and the force parameter mean the same thing.
function isForced(context: { force: boolean }, params: BackfillParams): boolean {
  return context.force || params.force;
}

async function dryRun(
  context: PipelineContext,
  params: BackfillParams,
  work: BackfillWork,
): Promise<PipelineOutcome> {
  const force = isForced(context, params);
  const planner = (pipeline: string, childParams: Readonly<Record<string, unknown>>) =>
    context.plan(pipeline, childParams, { force });
  const table = planRows(
    await planBackfill(planner, work.works, { force, windowWeeks: params.window_weeks }),
  );
  const runs = table.filter((row) => row.action === "run").length;
  return {
    metrics: {
      weeks_planned: work.works.length,
      steps_planned: table.length,
      steps_to_run: runs,
      steps_to_skip: table.length - runs,
    },
    output: { title: "Backfill plan (dry run)", table, ignored_files: work.ignored },
  };
}

async function backfill(
  context: PipelineContext,
  params: BackfillParams,
  work: BackfillWork,
): Promise<PipelineOutcome> {
  const options = {
    force: isForced(context, params),
    failFast: params.fail_fast,
    windowWeeks: params.window_weeks,
  };
  const summary = summarizeBackfill(await runBackfill(context, work.works, options));
  const output = {
    title: "Backfill summary",
    table: summary.table,
    ignored_files: work.ignored,
    failed: summary.failed,
  };
  const metrics = {
    ...summary.metrics,
    range_start: work.range.start,
    range_end: work.range.end,
    source_dir: work.directory,
  };
  return summary.failure === null ? { metrics, output } : { metrics, output, failure: summary.failure };
}

/** Loads a range of FINRA weeks from a folder through every OTC stage, resuming where it left off. */
export const backfillRangePipeline = definePipeline({
  name: "otc.backfill_range",
  description:
    "Backfill a range of weeks from a folder of FINRA files: ingest, normalize, aggregate, rolling and snapshot per tier-week (done stages are skipped; failed weeks are reported and retried on the next run).",
  params: backfillParams,
  run: async (context, params) => {
    const work = await findBackfillWork(params);
    if (!work.ok) {
      const [problem] = work.issues;
      const message = problem?.message ?? "no FINRA OTC files found";
      return {
        metrics: { weeks_planned: 0 },
        output: { title: "Backfill summary", table: [], ignored_files: problem?.ignored ?? [], failed: [] },
        failure: message,
      };
    }
    return params.dry_run ? dryRun(context, params, work.value) : backfill(context, params, work.value);
  },
  plan: async (context, params) => {
    const work = await findBackfillWork(params);
    if (!work.ok) throw new SpineError("SOURCE", work.issues[0]?.message ?? "no FINRA OTC files found");
    const force = isForced(context, params);
    const planner = (pipeline: string, childParams: Readonly<Record<string, unknown>>) =>
      context.plan(pipeline, childParams, { force });
    const planned = await planBackfill(planner, work.value.works, {
      force,
      windowWeeks: params.window_weeks,
    });
    return planned.map((entry) => ({ ...entry.plan, reason: planReason(entry) }));
  },
});
