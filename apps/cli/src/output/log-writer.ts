import { formatPrettyLine } from "@spine/platform";
import type { ProgressLine } from "./progress-line.js";

/** How the CLI shows log lines on stderr. */
export interface LogWriterOptions {
  readonly format: "json" | "pretty";
  readonly verbose: boolean;
  readonly colour: boolean;
}

// A run's own failure is reported once, by the error boundary or the run command's `error:` line;
// its log record would say the same again. Children's failures (a backfill's weeks) still show.
function isReportedElsewhere(jsonLine: string): boolean {
  if (!jsonLine.includes('"execution failed"')) return false;
  try {
    const record = JSON.parse(jsonLine) as Record<string, unknown>;
    return record.msg === "execution failed" && record.parent_execution_id == null;
  } catch {
    return false;
  }
}

/**
 * The destination of the platform's log lines on a terminal or a pipe: JSON as pino writes it, or
 * one brief line per record; either way above the progress line, never glued onto it.
 */
export function createLogWriter(progress: ProgressLine, options: LogWriterOptions): (line: string) => void {
  return (line) => {
    if (options.format === "json") return progress.interrupt(line.endsWith("\n") ? line : `${line}\n`);
    if (!options.verbose && isReportedElsewhere(line)) return;
    progress.interrupt(formatPrettyLine(line, { verbose: options.verbose, colour: options.colour }));
  };
}
