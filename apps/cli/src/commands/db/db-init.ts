import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { MigrationState } from "@spine/platform";
import { resolveDatabaseTarget } from "@spine/platform";
import type { CliContext } from "../../cli-context.js";
import { writeJson } from "../../output/json-writer.js";
import { formatTextTable } from "../../output/text-table.js";
import { demoDataWarning, demoFoldersLoaded } from "./demo-data.js";
import { describeLocation } from "./describe-location.js";

async function createSqliteFolder(context: CliContext): Promise<void> {
  const target = resolveDatabaseTarget(context.settings());
  if (target.dialect === "sqlite" && target.path !== ":memory:")
    await mkdir(dirname(target.path), { recursive: true });
}

/** Applies pending migrations, creating the database (and its SQLite folder) if needed. */
export async function applyMigrations(context: CliContext): Promise<MigrationState[]> {
  await createSqliteFolder(context);
  return context.withSpine({ requireExisting: false }, (spine) => spine.migrate());
}

/** Prints what `db init` (or the init after `db reset`) applied. */
export function printApplied(
  context: CliContext,
  applied: readonly MigrationState[],
  json: boolean,
  extra = {},
): void {
  const database = describeLocation(context.settings());
  if (json) {
    writeJson(context.io.stdout, { ok: true, database, ...extra, applied });
    return;
  }
  if (applied.length === 0) {
    context.io.stdout(`Nothing to apply: ${database} is up to date.\n`);
    return;
  }
  const rows = applied.map((state) => ({
    owner: state.owner,
    name: state.name,
    applied_at: state.appliedAt,
  }));
  context.io.stdout(`Applied ${applied.length} migration(s) to ${database}.\n${formatTextTable(rows)}`);
}

/**
 * `spine db init`: idempotent; a current database is left untouched. A database that already
 * holds the demo's generated weeks is said to (stderr; `demoData` in --json).
 */
export async function initDatabase(context: CliContext, options: { json?: boolean }): Promise<void> {
  await createSqliteFolder(context);
  const { applied, demoFolders } = await context.withSpine({ requireExisting: false }, async (spine) => ({
    applied: await spine.migrate(),
    demoFolders: await demoFoldersLoaded(spine),
  }));
  const warning = demoDataWarning(describeLocation(context.settings()), demoFolders);
  if (warning !== null) context.io.stderr(warning);
  printApplied(context, applied, options.json ?? false, { demoData: demoFolders });
}
