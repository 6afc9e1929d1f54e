import type { Command } from "commander";
import { CommanderError } from "commander";
import { createCliContext } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { translateCommanderError } from "./commander-errors.js";
import { createProgram } from "./create-program.js";
import { exitCodes, reportError } from "./error-boundary.js";

// Decided from argv rather than parsed options: usage errors happen before commander has parsed
// anything, and they still owe a JSON document to a `--json` caller.
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

// Decided from argv for the same reason: a usage error still shows its stack when asked.
function wantsVerbose(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === "-v" || arg === "--verbose");
}

/**
 * Runs one `spine` invocation in-process and returns its exit code. This is the error boundary:
 * nothing below it exits the process, and every failure is reported here exactly once.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let program: Command | undefined;
  try {
    const context = createCliContext(io);
    program = createProgram(context);
    await program.parseAsync([...argv], { from: "user" });
    return context.exitCode();
  } catch (error) {
    if (error instanceof CommanderError && program) {
      const translated = translateCommanderError(error, program, argv);
      return translated
        ? reportError(translated, io, wantsJson(argv), wantsVerbose(argv))
        : exitCodes.success;
    }
    return reportError(error, io, wantsJson(argv), wantsVerbose(argv));
  }
}
