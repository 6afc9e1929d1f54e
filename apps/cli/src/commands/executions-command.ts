import type { ExecutionStatus } from "@spine/platform";
import { getExecution, listChildExecutions, listExecutions, SpineError } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { tableWidth } from "../cli-io.js";
import { writeJson } from "../output/json-writer.js";
import { renderExecutionList, renderExecutionRecord } from "../render/render-execution-record.js";

const statuses: readonly ExecutionStatus[] = ["pending", "running", "completed", "failed", "skipped"];

interface ListOptions {
  readonly pipeline?: string;
  readonly status?: string;
  readonly limit?: string;
  readonly correlationId?: string;
  readonly json?: boolean;
}

function parseStatus(value: string | undefined): ExecutionStatus | undefined {
  if (value === undefined) return undefined;
  const status = statuses.find((candidate) => candidate === value);
  if (status) return status;
  throw new SpineError("USAGE", `Unknown status "${value}": expected one of ${statuses.join(", ")}.`);
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (Number.isInteger(limit) && limit > 0) return limit;
  throw new SpineError("USAGE", `Invalid --limit "${value}": expected a positive whole number.`);
}

async function listCommand(context: CliContext, options: ListOptions): Promise<void> {
  const status = parseStatus(options.status);
  const limit = parseLimit(options.limit);
  const filter = {
    ...(options.pipeline === undefined ? {} : { pipeline: options.pipeline }),
    ...(status === undefined ? {} : { status }),
    ...(limit === undefined ? {} : { limit }),
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
  };
  const records = await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    return listExecutions(spine.database.db, filter);
  });
  if (options.json) writeJson(context.io.stdout, { ok: true, executions: records });
  else context.io.stdout(renderExecutionList(records, tableWidth(context.io)));
}

async function showCommand(context: CliContext, id: string, options: { json?: boolean }): Promise<void> {
  const found = await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    const record = await getExecution(spine.database.db, id);
    return record ? { record, children: await listChildExecutions(spine.database.db, id) } : null;
  });
  if (!found)
    throw new SpineError(
      "NOT_FOUND",
      `No execution with id "${id}". List them with \`spine executions list\`.`,
    );
  if (options.json)
    writeJson(context.io.stdout, { ok: true, execution: { ...found.record, children: found.children } });
  else context.io.stdout(renderExecutionRecord(found.record, found.children));
}

/** `spine executions list|show`: the run history recorded in core_executions. */
export function registerExecutionsCommand(program: Command, context: CliContext): void {
  const executions = program.command("executions").description("inspect recorded executions");
  executions
    .command("list")
    .description("list executions, newest first")
    .option("--pipeline <name>", "only this pipeline")
    .option("--status <status>", `only this status (${statuses.join(", ")})`)
    .option("--limit <n>", "at most n executions (default 50)")
    .option("--correlation-id <id>", "only the runs of this business process")
    .option("--json", "print one JSON document")
    .action((options: ListOptions) => listCommand(context, options));
  executions
    .command("show")
    .description("show one execution with its children")
    .argument("<id>", "execution id")
    .option("--json", "print one JSON document")
    .action((id: string, options: { json?: boolean }) => showCommand(context, id, options));
}
