import type { BackfillStatus, Spine } from "@spine/platform";
import { readBackfillStatus } from "@spine/platform";
import type { CliContext } from "../../cli-context.js";

const pollMs = 1_000;

/** Polls a queued backfill until it ended, showing a progress line; returns its last status. */
export async function waitForBackfill(
  context: CliContext,
  spine: Spine,
  backfillId: string,
): Promise<BackfillStatus> {
  for (;;) {
    const status = await readBackfillStatus(spine.database.db, backfillId);
    const ended = status.jobs.length - status.counts.waiting - status.counts.queued - status.counts.running;
    context.progress.update({
      pipeline: status.pipeline,
      completed: ended,
      total: status.jobs.length,
      unit: "jobs",
      message: `${status.counts.running} running, ${status.counts.failed} failed`,
      executionId: backfillId,
    });
    if (status.ended) {
      context.progress.finish();
      return status;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
