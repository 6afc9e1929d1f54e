import type { ExecutionStatus } from "@spine/platform";
import { isSpineError, listChildExecutions, listExecutions, SpineError } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { tableWidth } from "../cli-io.js";
import { writeJson } from "../output/json-writer.js";
import { renderExecutionList, renderExecutionRecord } from "../render/render-execution-record.js";
import { findExecution } from "./executions/find-execution.js";
import type { FollowOptions } from "./executions/follow-execution.js";
import { followExecution } from "./executions/follow-execution.js";

const statuses: readonly ExecutionStatus[] = [
  "pending",
  "running",
  "completed",
  "failed",
  "skipped",
  "abandoned",
  "cancelled",
];

interface ListOptions {
  readonly pipeline?: string;
  readonly status?: string;
  readonly limit?: string;
  readonly correlationId?: string;
  readonly children?: boolean;
  readonly all?: boolean;
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

// A backfill records one child per stage and week: the list shows the runs people started,
// unless children are asked for, or a pipeline is named (it may only ever run as a child).
function filterOf(options: ListOptions) {
  const status = parseStatus(options.status);
  const limit = parseLimit(options.limit);
  const everyLevel = options.children === true || options.all === true || options.pipeline !== undefined;
  return {
    ...(options.pipeline === undefined ? {} : { pipeline: options.pipeline }),
    ...(status === undefined ? {} : { status }),
    ...(limit === undefined ? {} : { limit }),
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
    ...(everyLevel ? {} : { topLevel: true }),
  };
}

async function listCommand(context: CliContext, options: ListOptions): Promise<void> {
  const filter = filterOf(options);
  const records = await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    // Runs whose process died are marked abandoned first; a read-only database is listed as is.
    await spine.reapAbandoned().catch((error: unknown) => {
      if (!isSpineError(error, "STORAGE", "LOCK_TIMEOUT")) throw error;
    });
    return listExecutions(spine.database.db, filter);
  });
  if (options.json) writeJson(context.io.stdout, { ok: true, executions: records });
  else context.io.stdout(renderExecutionList(records, tableWidth(context.io)));
}

async function showCommand(context: CliContext, id: string, options: { json?: boolean }): Promise<void> {
  const found = await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    const record = await findExecution(spine, id);
    return { record, children: await listChildExecutions(spine.database.db, record.id) };
  });
  if (options.json)
    writeJson(context.io.stdout, { ok: true, execution: { ...found.record, children: found.children } });
  else context.io.stdout(renderExecutionRecord(found.record, found.children));
}

/** `spine executions list|show|follow`: the run history recorded in core_executions. */
export function registerExecutionsCommand(program: Command, context: CliContext): void {
  const executions = program.command("executions").description("inspect recorded executions");
  executions
    .command("list")
    .description("list the runs started by users (top-level executions), newest first")
    .option("--pipeline <name>", "only this pipeline (at every level)")
    .option("--status <status>", `only this status (${statuses.join(", ")})`)
    .option("--limit <n>", "at most n executions (default 50)")
    .option("--correlation-id <id>", "only the runs of this business process")
    .option("--children", "include child executions (the stages a backfill ran)")
    .option("--all", "same as --children")
    .option("--json", "print one JSON document")
    .action((options: ListOptions) => listCommand(context, options));
  executions
    .command("show")
    .description("show one execution with its children")
    .argument("<id>", "execution id, or an unambiguous start of one")
    .option("--json", "print one JSON document")
    .action((id: string, options: { json?: boolean }) => showCommand(context, id, options));
  executions
    .command("follow")
    .description("follow a run (e.g. a backfill started in another terminal) until it ends")
    .argument("[id]", "execution id or start of one (default: the newest running run)")
    .option("--interval <ms>", "how often to poll the database (default 1000)")
    .option("--json", "print one JSON document per change, one per line")
    .action((id: string | undefined, options: FollowOptions) => followExecution(context, id, options));
  registerLogsCommand(program, context);
}

// The seeds' words: `spine logs -f` follows the newest running run, `spine logs ID` shows one.
function registerLogsCommand(program: Command, context: CliContext): void {
  program
    .command("logs")
    .description("follow a run with -f (as `executions follow`), or show one (as `executions show`)")
    .argument("[id]", "execution id or start of one (default: the newest running run, or the latest runs)")
    .option("-f, --follow", "follow the run until it ends")
    .option("--interval <ms>", "with -f: how often to poll the database (default 1000)")
    .option("--json", "print JSON (one document per change with -f)")
    .action((id: string | undefined, options: FollowOptions & { follow?: boolean }) => {
      if (options.follow) return followExecution(context, id, options);
      if (id !== undefined) return showCommand(context, id, options);
      return listCommand(context, { limit: "10", ...(options.json ? { json: true } : {}) });
    });
}
