import type { DomainDefinition } from "@spine/platform";

/**
 * Everything the CLI touches outside itself, passed in so tests run it in-process with a test
 * domain and captured output.
 */
export interface CliIo {
  readonly domains: readonly DomainDefinition[];
  /** Results only: tables, JSON documents, CSV. */
  readonly stdout: (text: string) => void;
  /** Error lines and progress; never parsed by scripts. */
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Enables the updating progress line; only a terminal should get carriage returns. */
  readonly stderrIsTty?: boolean;
  /** Receives log lines instead of file descriptor 2 (tests capture them here). */
  readonly logSink?: (line: string) => void;
  /** The terminal's width when stdout is one; tables are fitted to it. */
  readonly stdoutColumns?: number;
}

/**
 * The width human tables fit: `COLUMNS` when set (to force a width, or none with 0), else the
 * terminal's; undefined when stdout is piped, so nothing is cut for a file or another program.
 */
export function tableWidth(io: CliIo): number | undefined {
  const forced = io.env.COLUMNS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced) > 0 ? Number(forced) : undefined;
  return io.stdoutColumns;
}
