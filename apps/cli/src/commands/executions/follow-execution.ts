import type { ExecutionRecord, Spine } from "@spine/platform";
import { isSpineError, listChildExecutions, listExecutions, SpineError } from "@spine/platform";
import type { CliContext } from "../../cli-context.js";
import { findExecution } from "./find-execution.js";
import type { FollowSnapshot } from "./follow-snapshot.js";
import { finalStatuses, followSnapshot, renderSnapshot } from "./follow-snapshot.js";

/** Options of `spine executions follow`. */
export interface FollowOptions {
  readonly interval?: string;
  readonly json?: boolean;
}

function parseInterval(value: string | undefined): number {
  if (value === undefined) return 1000;
  const interval = Number(value);
  if (Number.isInteger(interval) && interval >= 10) return interval;
  throw new SpineError("USAGE", `Invalid --interval "${value}": expected milliseconds, at least 10.`);
}

// Without an id: the newest top-level run still going.
async function newestRunning(spine: Spine): Promise<ExecutionRecord> {
  for (const status of ["running", "pending"] as const) {
    const [newest] = await listExecutions(spine.database.db, { status, topLevel: true, limit: 1 });
    if (newest) return newest;
  }
  throw new SpineError("NOT_FOUND", "No execution is running. Name one: `spine executions follow <id>`.");
}

// A run whose process died stays `running` until someone reaps it; following it would never end.
async function reap(spine: Spine): Promise<void> {
  await spine.reapAbandoned().catch((error: unknown) => {
    if (!isSpineError(error, "STORAGE", "LOCK_TIMEOUT")) throw error;
  });
}

async function poll(spine: Spine, id: string): Promise<FollowSnapshot> {
  await reap(spine);
  const record = await findExecution(spine, id);
  return followSnapshot(record, await listChildExecutions(spine.database.db, id));
}

const failedStatuses: ReadonlySet<string> = new Set(["failed", "abandoned", "cancelled"]);

// The envelope of every --json document, one per line here; a failed end carries its error.
function envelopeOf(snapshot: FollowSnapshot) {
  const { execution } = snapshot;
  if (!failedStatuses.has(execution.status)) return { ok: true, ...snapshot };
  const message = `${execution.pipeline} ${execution.status} (execution ${execution.id}): ${execution.error ?? "no error message"}`;
  const error = { code: "PIPELINE_FAILED", message, details: { executionId: execution.id } };
  return { ok: false, ...snapshot, error };
}

const sleep = (milliseconds: number) => new Promise((done) => setTimeout(done, milliseconds));

/**
 * `spine executions follow [id]`: polls the database for a run started elsewhere (another
 * terminal, a scheduler) and prints a line whenever its status or its children change, until it
 * ends. `--json` prints one compact envelope per line.
 */
export async function followExecution(
  context: CliContext,
  idOrPrefix: string | undefined,
  options: FollowOptions,
): Promise<void> {
  const interval = parseInterval(options.interval);
  const last = await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    const { id } =
      idOrPrefix === undefined ? await newestRunning(spine) : await findExecution(spine, idOrPrefix);
    let previous = "";
    for (;;) {
      const snapshot = await poll(spine, id);
      const key = JSON.stringify(snapshot);
      if (key !== previous) {
        if (options.json) context.io.stdout(`${JSON.stringify(envelopeOf(snapshot))}\n`);
        else context.io.stdout(renderSnapshot(snapshot, new Date()));
        previous = key;
      }
      if (finalStatuses.has(snapshot.execution.status)) return snapshot;
      await sleep(interval);
    }
  });
  if (failedStatuses.has(last.execution.status)) context.markFailed();
}
