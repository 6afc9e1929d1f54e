import type { BackfillStatus } from "@spine/platform";
import { formatTextTable } from "../../output/text-table.js";

/** One line of counts, e.g. `12 done, 3 running, 1 failed of 40 jobs`. */
export function describeBackfillCounts(status: BackfillStatus): string {
  const parts = Object.entries(status.counts)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`);
  return `${parts.join(", ") || "no jobs"} of ${status.jobs.length} jobs`;
}

/** The status of a queued backfill for people: a header line, then one row per partition and stage. */
export function renderBackfillStatus(status: BackfillStatus, width?: number): string {
  const header = `backfill ${status.backfillId} (${status.pipeline}): ${status.status}; ${describeBackfillCounts(status)}`;
  const rows = status.jobs.map((job) => ({
    ...job.partition,
    stage: job.stage,
    state: job.state,
    worker: job.worker ?? "",
    attempts: job.attempts,
    error: job.error ?? "",
  }));
  const error = status.error === null ? "" : `error: ${status.error}\n`;
  return `${header}\n${error}${formatTextTable(rows, width === undefined ? {} : { width })}`;
}
