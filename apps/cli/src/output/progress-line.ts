import type { ProgressEvent } from "@spine/platform";
import { formatDuration } from "../render/format-duration.js";

/** What the line shows of a progress event; exports report the same shape without an execution. */
export type ProgressLineEvent = Pick<
  ProgressEvent,
  "pipeline" | "completed" | "total" | "unit" | "message" | "rows"
> & {
  readonly executionId?: string;
};

/** A single, rewritten status line on a terminal, which log lines interrupt without gluing onto it. */
export interface ProgressLine {
  update(event: ProgressLineEvent): void;
  /** Writes whole lines (a log line, a warning) above the status line, then redraws it. */
  interrupt(text: string): void;
  /** Erases the line so the next output starts on a clean line. */
  finish(): void;
}

const clearLine = "\r\u001b[2K";

/** The text of one progress event, e.g. `otc.ingest_week: 40/120 files (loading)`. */
export function describeProgress(event: ProgressLineEvent): string {
  const total = event.total === undefined ? "" : `/${event.total}`;
  const unit = event.unit ? ` ${event.unit}` : "";
  const message = event.message ? ` (${event.message})` : "";
  return `${event.pipeline}: ${event.completed}${total}${unit}${message}`;
}

/** How far a run with a total has come, its rows, how long it took and how long it may take. */
export function describeRunProgress(
  overall: ProgressLineEvent,
  rows: number,
  elapsedMs: number,
  latest: ProgressLineEvent,
): string {
  const { message: _message, ...counts } = overall;
  const parts = [describeProgress(counts)];
  if (rows > 0) parts.push(`${rows.toLocaleString("en-US")} rows`);
  parts.push(`${formatDuration(Math.round(elapsedMs))} elapsed`);
  const { completed, total } = overall;
  if (total !== undefined && completed > 0 && completed < total) {
    parts.push(`~${formatDuration(Math.round((elapsedMs / completed) * (total - completed)))} left`);
  }
  const now = latest === overall ? overall.message : describeProgress(latest);
  return `${parts.join(" · ")}${now ? ` (${now})` : ""}`;
}

// The run with a total (a backfill's steps) is the one the line measures, with the rows of the
// inputs it has loaded plus those of the input loading now (an ingest reports its running count).
function createRunTracker(now: () => number) {
  const started = now();
  let overall: ProgressLineEvent | null = null;
  let loading = 0;
  return (event: ProgressLineEvent): string => {
    if (event.total !== undefined && (overall === null || overall.pipeline === event.pipeline)) {
      overall = event;
      loading = 0;
    } else if (event.unit === "rows") loading = event.completed;
    if (overall === null) return describeProgress(event);
    return describeRunProgress(overall, (overall.rows ?? 0) + loading, now() - started, event);
  };
}

/**
 * Renders progress on stderr as one updating line, only on a terminal: piped stderr stays a clean
 * log stream, so a disabled line prints nothing at all, and interruptions are written as they are.
 */
export function createProgressLine(
  write: (text: string) => void,
  enabled: boolean | (() => boolean),
  now: () => number = Date.now,
): ProgressLine {
  const isEnabled = typeof enabled === "function" ? enabled : () => enabled;
  const describe = createRunTracker(now);
  let shown: string | null = null;
  return {
    update(event) {
      if (!isEnabled()) return;
      shown = describe(event);
      write(`${clearLine}${shown}`);
    },
    interrupt(text) {
      if (shown === null) return write(text);
      write(`${clearLine}${text}${shown}`);
    },
    finish() {
      if (shown === null) return;
      write(clearLine);
      shown = null;
    },
  };
}
