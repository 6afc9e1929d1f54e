import type { BackfillStatus, Spine } from "../../src/index.js";
import { readBackfillStatus } from "../../src/index.js";

/** Queue settings that keep tests quick: short polls, no retry delay, leases of 30 s. */
export const fastQueue = {
  queueExpireSeconds: 30,
  queueMaintenanceSeconds: 1,
  queuePollingSeconds: 0.5,
  queueRetryDelaySeconds: 0,
  queueRetryLimit: 3,
};

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Polls `read` until it answers something, or fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms: ${what}`);
    await sleep(100);
  }
}

/** The backfill's status once it ended. */
export function waitForEnd(spine: Spine, backfillId: string, timeoutMs = 30_000): Promise<BackfillStatus> {
  return waitFor(
    "the backfill's end",
    async () => {
      const status = await readBackfillStatus(spine.database.db, backfillId);
      return status.ended ? status : undefined;
    },
    timeoutMs,
  );
}

/** The job of one series-domain partition and stage. */
export function jobOf(status: BackfillStatus, series: string, day: string, stage: string) {
  return status.jobs.find(
    (job) => job.partition.series === series && job.partition.day === day && job.stage === stage,
  );
}
