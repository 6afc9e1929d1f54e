import { cancelBackfill, readBackfillStatus, retryBackfill, SpineError } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { tableWidth } from "../cli-io.js";
import { writeJson } from "../output/json-writer.js";
import { renderBackfillStatus } from "./backfill/render-backfill-status.js";

interface JsonOption {
  readonly json?: boolean;
}

async function statusCommand(context: CliContext, id: string, options: JsonOption): Promise<void> {
  await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    const status = await readBackfillStatus(spine.database.db, id);
    if (options.json) writeJson(context.io.stdout, { ok: true, backfill: status });
    else context.io.stdout(renderBackfillStatus(status, tableWidth(context.io)));
    if (status.ended && status.failed) context.markFailed("PIPELINE_FAILED");
  });
}

async function cancelCommand(context: CliContext, id: string, options: JsonOption): Promise<void> {
  await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    const result = await cancelBackfill(spine, id);
    if (options.json) writeJson(context.io.stdout, { ok: true, ...result });
    else
      context.io.stdout(
        `cancelled ${result.cancelled} job(s) of backfill ${result.backfillId}; running jobs finish\n`,
      );
  });
}

async function retryCommand(
  context: CliContext,
  id: string,
  options: JsonOption & { readonly failed?: boolean },
) {
  if (options.failed !== true)
    throw new SpineError(
      "USAGE",
      "spine backfill retry needs --failed: it runs the failed jobs and those they blocked again.",
    );
  await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    const result = await retryBackfill(spine, id);
    if (options.json) writeJson(context.io.stdout, { ok: true, ...result });
    else
      context.io.stdout(
        `${result.retried} failed job(s) of backfill ${result.backfillId} run again (${result.queued} queued now)\n`,
      );
  });
}

/** `spine backfill status|cancel|retry <id>`: follow and control backfills run on the queue. */
export function registerBackfillCommand(program: Command, context: CliContext): void {
  const backfill = program
    .command("backfill")
    .description("follow and control backfills queued with spine run --queue");
  backfill
    .command("status")
    .description("jobs queued / running / done / failed per partition and stage, with their workers")
    .argument("<id>", "the backfill's execution id, or an unambiguous start of it")
    .option("--json", "print one JSON document")
    .action((id: string, options: JsonOption) => statusCommand(context, id, options));
  backfill
    .command("cancel")
    .description("jobs not yet running never run; running ones finish")
    .argument("<id>", "the backfill's execution id, or an unambiguous start of it")
    .option("--json", "print one JSON document")
    .action((id: string, options: JsonOption) => cancelCommand(context, id, options));
  backfill
    .command("retry")
    .description("run the failed jobs again, and those they blocked")
    .argument("<id>", "the backfill's execution id, or an unambiguous start of it")
    .option("--failed", "the failed jobs (required)")
    .option("--json", "print one JSON document")
    .action((id: string, options: JsonOption & { failed?: boolean }) => retryCommand(context, id, options));
}
