import type { Spine } from "@spine/platform";
import { enqueueBackfill } from "@spine/platform";
import type { CliContext } from "../../cli-context.js";
import { writeJson } from "../../output/json-writer.js";
import { describeBackfillCounts } from "./render-backfill-status.js";
import { waitForBackfill } from "./wait-for-backfill.js";

/** What `spine run --queue` was asked. */
export interface QueueRunOptions {
  readonly force?: boolean;
  readonly wait?: boolean;
  readonly json?: boolean;
  readonly correlationId?: string;
}

/**
 * `spine run <backfill> --queue`: records the backfill and enqueues its jobs for `spine worker`s;
 * with `--wait`, follows it to its end and fails (exit 1) when any partition failed.
 */
export async function queueRun(
  context: CliContext,
  spine: Spine,
  request: { readonly name: string; readonly params: Record<string, string> },
  options: QueueRunOptions,
): Promise<void> {
  const queued = await enqueueBackfill(spine, request.name, request.params, {
    trigger: "cli",
    force: options.force ?? false,
    environment: context.io.env,
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
  });
  const follow = `spine backfill status ${queued.backfillId}`;
  if (!options.wait) {
    if (options.json) writeJson(context.io.stdout, { ok: true, queued });
    else
      context.io.stdout(
        `queued backfill ${queued.backfillId}: ${queued.jobs} jobs, ${queued.queued} ready for workers; follow with ${follow}\n`,
      );
    return;
  }
  const status = await waitForBackfill(context, spine, queued.backfillId);
  if (options.json) writeJson(context.io.stdout, { ok: !status.failed, queued, backfill: status });
  else
    context.io.stdout(`backfill ${queued.backfillId} ${status.status}: ${describeBackfillCounts(status)}\n`);
  if (status.failed) {
    context.io.stderr(
      `error: backfill ${queued.backfillId} ${status.status === "cancelled" ? "cancelled" : "failed"}: ${status.error ?? "some jobs failed"}; see ${follow}\n`,
    );
    context.markFailed("PIPELINE_FAILED");
  }
}
