import { rm } from "node:fs/promises";
import type { Settings } from "@spine/platform";
import { resolveDatabaseTarget, SpineError, summarizeTables } from "@spine/platform";
import type { CliContext } from "../../cli-context.js";
import { applyMigrations, printApplied } from "./db-init.js";
import { describeLocation } from "./describe-location.js";

async function deleteSqliteFiles(path: string): Promise<void> {
  if (path === ":memory:") return;
  for (const suffix of ["", "-wal", "-shm"]) await rm(`${path}${suffix}`, { force: true });
}

// A server database cannot be deleted like a file: drop everything it holds instead. Cascade
// takes dependent views and constraints along, so the order does not matter.
async function dropServerObjects(context: CliContext): Promise<void> {
  await context.withSpine({ requireExisting: false }, async (spine) => {
    for (const table of await summarizeTables(spine.database)) {
      const schema = spine.database.db.schema;
      if (table.kind === "view") await schema.dropView(table.name).ifExists().cascade().execute();
      else await schema.dropTable(table.name).ifExists().cascade().execute();
    }
  });
}

async function wipe(context: CliContext, settings: Settings): Promise<void> {
  const target = resolveDatabaseTarget(settings);
  if (target.dialect === "sqlite") await deleteSqliteFiles(target.path);
  else await dropServerObjects(context);
}

/** `spine db reset --yes`: deletes every table and all data, then re-initialises. */
export async function resetDatabase(
  context: CliContext,
  options: { yes?: boolean; json?: boolean },
): Promise<void> {
  const settings = context.settings();
  const location = describeLocation(settings);
  if (!options.yes) {
    throw new SpineError(
      "USAGE",
      `Refusing to reset ${location} without --yes: it deletes every table and all data. Run \`spine db reset --yes\` to confirm.`,
    );
  }
  await wipe(context, settings);
  context.io.stderr(`Deleted everything in ${location}; re-initialising.\n`);
  printApplied(context, await applyMigrations(context), options.json ?? false, { reset: true });
}
