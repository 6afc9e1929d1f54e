import type { ExecutionRecord, ExecutionStatus } from "@spine/platform";

/** Statuses an execution never leaves. */
export const finalStatuses: ReadonlySet<ExecutionStatus> = new Set([
  "completed",
  "failed",
  "skipped",
  "abandoned",
  "cancelled",
]);

/** What `executions follow` prints at each change: the run and its children counted by status. */
export interface FollowSnapshot {
  readonly execution: {
    readonly id: string;
    readonly pipeline: string;
    readonly status: ExecutionStatus;
    readonly startedAt: string | null;
    readonly finishedAt: string | null;
    readonly error: string | null;
  };
  readonly children: Readonly<Record<ExecutionStatus | "total", number>>;
  /** The child that started or finished last, if any. */
  readonly latest: { readonly pipeline: string; readonly status: ExecutionStatus } | null;
}

/** Summarises an execution and its children at one poll. */
export function followSnapshot(
  record: ExecutionRecord,
  children: readonly ExecutionRecord[],
): FollowSnapshot {
  const counts = {
    total: children.length,
    pending: 0,
    running: 0,
    completed: 0,
    failed: 0,
    skipped: 0,
    abandoned: 0,
    cancelled: 0,
  };
  for (const child of children) counts[child.status] += 1;
  const latestChild = children.at(-1);
  return {
    execution: {
      id: record.id,
      pipeline: record.pipeline,
      status: record.status,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
      error: record.error,
    },
    children: counts,
    latest: latestChild ? { pipeline: latestChild.pipeline, status: latestChild.status } : null,
  };
}

/** One human line: status, children done over children seen, and what happened last. */
export function renderSnapshot(snapshot: FollowSnapshot, now: Date): string {
  const { execution, children, latest } = snapshot;
  const time = now.toISOString().slice(11, 19);
  const done = children.completed + children.skipped;
  const parts = [`${time}  ${execution.pipeline} ${execution.status}`];
  if (children.total > 0) {
    parts.push(
      `children ${done}/${children.total} done (${children.running} running, ${children.failed} failed)`,
    );
  }
  if (latest) parts.push(`last: ${latest.pipeline} ${latest.status}`);
  if (execution.error && finalStatuses.has(execution.status)) parts.push(`error: ${execution.error}`);
  return `${parts.join("  ")}\n`;
}
