import type { SpineErrorCode } from "@spine/platform";
import { isSpineError } from "@spine/platform";
import { CommanderError } from "commander";
import type { CliIo } from "./cli-io.js";
import { writeJson } from "./output/json-writer.js";

/** The process exit codes of `spine`. */
export const exitCodes = { success: 0, failed: 1, usage: 2, internal: 70 } as const;

// The single mapping from failure kinds to exit codes: 1 means the work itself failed, 2 means
// the request was wrong (the user can fix the command line or run `spine db init`), 70 is a bug
// or an environment problem (EX_SOFTWARE).
const exitCodeByErrorCode: Readonly<Record<SpineErrorCode, number>> = {
  PIPELINE_FAILED: exitCodes.failed,
  LOCK_TIMEOUT: exitCodes.failed,
  STORAGE: exitCodes.failed,
  SOURCE: exitCodes.failed,
  VALIDATION: exitCodes.usage,
  USAGE: exitCodes.usage,
  NOT_FOUND: exitCodes.usage,
  CONFIG: exitCodes.usage,
  MIGRATION_DRIFT: exitCodes.usage,
  MIGRATION_PENDING: exitCodes.usage,
  INTERNAL: exitCodes.internal,
  DATABASE: exitCodes.internal,
};

/** The exit code for a failure carrying `code` (also a failed execution's recorded error code). */
export function exitCodeForErrorCode(code: SpineErrorCode): number {
  return exitCodeByErrorCode[code];
}

/** The exit code for anything thrown out of a command. */
export function exitCodeFor(error: unknown): number {
  if (isSpineError(error)) return exitCodeByErrorCode[error.code];
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.success : exitCodes.usage;
  return exitCodes.internal;
}

/** What `--json` prints under `error`. */
export interface ErrorReport {
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Describes any thrown value in the shape of a SpineError. */
export function describeError(error: unknown): ErrorReport {
  if (isSpineError(error)) return { code: error.code, message: error.message, details: error.details };
  if (error instanceof CommanderError) {
    return {
      code: "USAGE",
      message: error.message.replace(/^error: /, ""),
      details: { commanderCode: error.code },
    };
  }
  if (error instanceof Error)
    return { code: "INTERNAL", message: error.message, details: { name: error.name } };
  return { code: "INTERNAL", message: String(error), details: {} };
}

/**
 * The one place errors reach the user: an `error:` line on stderr (with `verbose`, the stack
 * after it) and, with `--json`, the error document on stdout. Returns the exit code.
 */
export function reportError(
  error: unknown,
  io: Pick<CliIo, "stdout" | "stderr">,
  json: boolean,
  verbose = false,
): number {
  const report = describeError(error);
  io.stderr(`error: ${report.message}\n`);
  if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  if (json) writeJson(io.stdout, { ok: false, error: report });
  return exitCodeFor(error);
}
