import { Command } from "commander";
import type { CliContext } from "./cli-context.js";
import { cliVersion } from "./cli-version.js";
import { registerArchiveCommand } from "./commands/archive-command.js";
import { registerBackfillCommand } from "./commands/backfill-command.js";
import { registerCompletionCommand } from "./commands/completion/completion-command.js";
import { registerDbCommand } from "./commands/db/db-command.js";
import { registerDescribeCommand } from "./commands/describe-command.js";
import { registerDoctorCommand } from "./commands/doctor-command.js";
import { registerExecutionsCommand } from "./commands/executions-command.js";
import { registerFinraCommand } from "./commands/finra-command.js";
import { registerListCommand } from "./commands/list-command.js";
import { registerLoadCommand } from "./commands/load-command.js";
import { registerQueryAliasCommands } from "./commands/query-alias-commands.js";
import { registerQueryCommand } from "./commands/query-command.js";
import { registerRestoreCommand } from "./commands/restore-command.js";
import { registerRunCommand } from "./commands/run-command.js";
import { registerServeCommand } from "./commands/serve-command.js";
import { registerWorkerCommand } from "./commands/worker-command.js";
import { assertFlagValues } from "./conventions/flag-values.js";
import { registerExportCommand } from "./export/export-command.js";
import type { GlobalOptions } from "./settings-from-options.js";

/**
 * Builds the `spine` command tree. Commander never exits or prints errors itself: the behaviour
 * set here is inherited by every sub-command added afterwards, and errors go to the boundary.
 */
export function createProgram(context: CliContext): Command {
  const program = new Command("spine")
    .description("Market Spine: FINRA OTC transparency data turned into research-ready tables.")
    .option(
      "--db <path-or-url>",
      "SQLite file or postgres:// URL (default: SPINE_DATABASE_PATH, SPINE_DATABASE_URL, ./spine.db)",
    )
    .option("--target <name>", "a database named in spine.config.json (searched upwards from here)")
    .option(
      "--log-level <level>",
      "trace, debug, info, warn, error, fatal or silent (default: SPINE_LOG_LEVEL or info)",
    )
    .option("--log-file <path>", "append log lines to this file instead of stderr")
    .option(
      "--log-format <format>",
      "json or pretty log lines on stderr (default: SPINE_LOG_FORMAT, else pretty on a terminal, json in a pipe)",
    )
    .option("-q, --quiet", "errors only: no progress line, no warnings")
    .option("-v, --verbose", "debug logs with every field, and stack traces of errors")
    .version(cliVersion(), "-V, --version", "print the version of spine")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout(text),
      writeErr: (text) => context.io.stderr(text),
      outputError: () => {},
    })
    .hook("preAction", (_program, action) => {
      // Every command checks setting flags, even one that never opens the database.
      assertFlagValues(action.optsWithGlobals());
      context.setGlobalOptions(action.optsWithGlobals<GlobalOptions>());
    });
  registerListCommand(program, context);
  registerDescribeCommand(program, context);
  registerRunCommand(program, context);
  registerLoadCommand(program, context);
  registerExecutionsCommand(program, context);
  registerQueryCommand(program, context);
  registerExportCommand(program, context);
  registerDbCommand(program, context);
  registerArchiveCommand(program, context);
  registerRestoreCommand(program, context);
  registerDoctorCommand(program, context);
  registerFinraCommand(program, context);
  registerServeCommand(program, context);
  registerWorkerCommand(program, context);
  registerBackfillCommand(program, context);
  registerCompletionCommand(program, context);
  registerQueryAliasCommands(program, context);
  return program;
}
