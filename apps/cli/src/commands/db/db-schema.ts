import { dumpSchema } from "@spine/platform";
import type { CliContext } from "../../cli-context.js";

/**
 * `spine db schema`: the full schema as produced by migrating a fresh in-memory SQLite database,
 * so the committed dump depends only on the code, never on a developer's local database.
 */
export async function printSchema(context: CliContext): Promise<void> {
  const { databaseUrl: _ignored, ...settings } = context.settings();
  const scratch = { ...settings, databasePath: ":memory:" };
  const schema = await context.withSpine({ requireExisting: false, settings: scratch }, async (spine) => {
    await spine.migrate();
    return dumpSchema(spine.database);
  });
  context.io.stdout(schema);
}
