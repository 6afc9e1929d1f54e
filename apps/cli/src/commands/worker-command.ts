import { SpineError, startWorker } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { writeJson } from "../output/json-writer.js";

interface WorkerCommandOptions {
  readonly concurrency?: string;
  readonly domains?: string;
  readonly name?: string;
  readonly json?: boolean;
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return 1;
  const concurrency = Number(value);
  if (Number.isInteger(concurrency) && concurrency > 0 && concurrency <= 64) return concurrency;
  throw new SpineError("USAGE", `Invalid --concurrency "${value}": expected a whole number from 1 to 64.`);
}

// Resolves on the first SIGTERM or SIGINT: the worker then finishes the jobs in hand and stops.
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve(signal);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}

async function runWorker(context: CliContext, options: WorkerCommandOptions): Promise<void> {
  const concurrency = parseConcurrency(options.concurrency);
  const domains = options.domains
    ?.split(",")
    .map((domain) => domain.trim())
    .filter(Boolean);
  await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    const worker = await startWorker(spine, {
      concurrency,
      ...(domains === undefined ? {} : { domains }),
      ...(options.name === undefined ? {} : { name: options.name }),
    });
    context.io.stderr(
      `worker ${worker.name} taking ${worker.domains.join(", ")} jobs (concurrency ${concurrency}); SIGTERM stops it\n`,
    );
    const signal = await stopSignal();
    await worker.stop(true);
    if (options.json) writeJson(context.io.stdout, { ok: true, worker: worker.name, stoppedBy: signal });
  });
}

/** `spine worker`: runs queued backfill jobs until SIGTERM (graceful: jobs in hand finish). */
export function registerWorkerCommand(program: Command, context: CliContext): void {
  program
    .command("worker")
    .description("run jobs of backfills queued with spine run --queue (PostgreSQL), until SIGTERM")
    .option("--concurrency <n>", "jobs at once per domain (default 1)")
    .option("--domains <list>", "comma-separated domains whose jobs to take (default: all)")
    .option("--name <name>", "the worker's name in spine backfill status (default: host:pid)")
    .option("--json", "print one JSON document when stopped")
    .action((options: WorkerCommandOptions) => runWorker(context, options));
}
