import type { ProgressEvent } from "@spine/platform";

/** What the line shows of a progress event; exports report the same shape without an execution. */
export type ProgressLineEvent = Pick<ProgressEvent, "pipeline" | "completed" | "total" | "unit" | "message">;

/** A single, rewritten status line on a terminal. */
export interface ProgressLine {
  update(event: ProgressLineEvent): void;
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

/**
 * Renders progress on stderr as one updating line, only on a terminal: piped stderr stays a clean
 * log stream, so a disabled line prints nothing at all.
 */
export function createProgressLine(write: (text: string) => void, enabled: boolean): ProgressLine {
  let visible = false;
  return {
    update(event) {
      if (!enabled) return;
      write(`${clearLine}${describeProgress(event)}`);
      visible = true;
    },
    finish() {
      if (!visible) return;
      write(clearLine);
      visible = false;
    },
  };
}
