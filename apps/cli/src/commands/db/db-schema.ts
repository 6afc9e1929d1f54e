import { compileSchema, dumpSchema, SpineError } from "@spine/platform";
import type { CliContext } from "../../cli-context.js";

/**
 * `spine db schema`: the full schema as produced by migrating a fresh in-memory SQLite database,
 * so the committed dump depends only on the code, never on a developer's local database.
 * `--dialect postgres` prints the migrations compiled for PostgreSQL instead.
 */
export async function printSchema(context: CliContext, options: { dialect?: string } = {}): Promise<void> {
  const dialect = options.dialect ?? "sqlite";
  if (dialect === "postgres") {
    // Compiled offline from the migrations: the committed PostgreSQL dump needs no running server.
    context.io.stdout(compileSchema(context.registry.migrationSets(), "postgres"));
    return;
  }
  if (dialect !== "sqlite")
    throw new SpineError("USAGE", `Unknown dialect "${dialect}": expected sqlite or postgres.`);
  const { databaseUrl: _ignored, ...settings } = context.settings();
  const scratch = { ...settings, databasePath: ":memory:" };
  const schema = await context.withSpine({ requireExisting: false, settings: scratch }, async (spine) => {
    await spine.migrate();
    return dumpSchema(spine.database);
  });
  context.io.stdout(schema);
}
