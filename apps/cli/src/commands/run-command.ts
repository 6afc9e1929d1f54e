import type { Execution, Spine } from "@spine/platform";
import { SpineError } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { acceptParameterOptions, commandParameters } from "../conventions/command-parameters.js";
import { registryName } from "../conventions/registry-names.js";
import { writeJson } from "../output/json-writer.js";
import { collectParam } from "../parse-param-pairs.js";
import { renderExecution, summarizeExecution } from "../render/render-execution.js";
import { renderPlan } from "../render/render-plan.js";
import { validateOrThrow } from "../validate-or-throw.js";
import { queueRun } from "./backfill/queue-run.js";

interface RunOptions {
  readonly param: string[];
  readonly force?: boolean;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly correlationId?: string;
  readonly queue?: boolean;
  readonly wait?: boolean;
}

async function printPlan(
  context: CliContext,
  spine: Spine,
  name: string,
  params: Record<string, string>,
  options: RunOptions,
) {
  const plan = await spine.dispatcher.plan(name, params, { force: options.force ?? false });
  if (options.json) writeJson(context.io.stdout, { ok: true, dryRun: true, plan });
  else context.io.stdout(renderPlan(plan));
}

function printExecution(context: CliContext, execution: Execution, json: boolean): void {
  const failed = execution.status === "failed";
  const message = `${execution.pipeline} failed (execution ${execution.id}): ${execution.error ?? "no error message"}`;
  if (json) {
    const error = {
      code: execution.errorCode ?? "PIPELINE_FAILED",
      message,
      details: { executionId: execution.id },
    };
    writeJson(context.io.stdout, {
      ok: !failed,
      execution: summarizeExecution(execution),
      ...(failed ? { error } : {}),
    });
  } else {
    context.io.stdout(renderExecution(execution));
  }
  if (failed) {
    context.io.stderr(`error: ${message}\n`);
    context.markFailed(execution.errorCode);
  }
}

async function runPipeline(
  context: CliContext,
  typedName: string,
  options: RunOptions,
  tokens: readonly string[],
): Promise<void> {
  const name = registryName(context.registry, typedName);
  const schema = context.registry.getPipeline(name).params;
  const params = commandParameters(options.param, tokens, schema, name);
  validateOrThrow(name, schema, params);
  if (options.wait && !options.queue)
    throw new SpineError("USAGE", "--wait follows a queued backfill: use it with --queue.");
  const { progress } = context;
  await context.withSpine({ requireExisting: true, onProgress: progress.update }, async (spine) => {
    await spine.assertReady();
    if (options.dryRun) return printPlan(context, spine, name, params, options);
    if (options.queue) return queueRun(context, spine, { name, params }, options);
    let execution: Execution;
    try {
      execution = await spine.dispatcher.submit(name, params, {
        trigger: "cli",
        force: options.force ?? false,
        ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
      });
    } finally {
      progress.finish();
    }
    printExecution(context, execution, options.json ?? false);
  });
}

/** `spine run <pipeline> -p key=value ...`: validates, checks migrations, then runs or plans. */
export function registerRunCommand(program: Command, context: CliContext): void {
  const command = program
    .command("run")
    .description("run a pipeline (or plan it with --dry-run)")
    .argument("<pipeline>", "pipeline name, e.g. otc.ingest_week")
    .option("-p, --param <key=value>", "a parameter; repeat for several", collectParam, [])
    .option("--force", "re-run stages already done (later stages are invalidated)")
    .option("--dry-run", "print what would run or be skipped, writing nothing")
    .option(
      "--correlation-id <id>",
      "group this run with others of one business process (default: the execution's id)",
    )
    .option("--queue", "run a backfill as jobs for `spine worker`s (PostgreSQL); prints its id")
    .option("--wait", "with --queue: follow the backfill to its end; exit 1 when any partition failed")
    .option("--json", "print one JSON document");
  acceptParameterOptions(command).action((name: string, options: RunOptions, self: Command) =>
    runPipeline(context, name, options, self.args.slice(1)),
  );
}
