import type { Command } from "commander";
import type { CliContext } from "../../cli-context.js";
import { selectDatabase } from "../../conventions/database-selection.js";
import { initDatabase } from "./db-init.js";
import { resetDatabase } from "./db-reset.js";
import { printSchema } from "./db-schema.js";
import { showDatabaseStatus } from "./db-status.js";

/** `spine db init|reset|status|schema`. */
export function registerDbCommand(program: Command, context: CliContext): void {
  const db = program.command("db").description("create, inspect and reset the database");
  db.command("init")
    .description("apply pending migrations (creates the database; safe to repeat)")
    .option("--json", "print one JSON document")
    .action((options: { json?: boolean }) => initDatabase(context, options));
  db.command("reset")
    .description("delete every table and all data, then re-initialise (needs --yes)")
    .option("--yes", "confirm that all data may be deleted")
    .option("--json", "print one JSON document")
    .action((options: { yes?: boolean; json?: boolean }) => resetDatabase(context, options));
  db.command("status")
    .description("show migration states and table row counts")
    .option("--json", "print one JSON document")
    .action((options: { json?: boolean }, command: Command) =>
      showDatabaseStatus(
        context,
        options,
        selectDatabase(command.optsWithGlobals(), context.io.env, process.cwd()),
      ),
    );
  db.command("schema")
    .description(
      "print the full schema of a freshly migrated database (sqlite) or the compiled migrations (postgres)",
    )
    .option("--dialect <dialect>", "sqlite or postgres", "sqlite")
    .action((options: { dialect: string }) => printSchema(context, options));
}
