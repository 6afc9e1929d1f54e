import type { MigrationState, TableSummary } from "@spine/platform";
import { readMigrationStates, summarizeTables } from "@spine/platform";
import type { CliContext } from "../../cli-context.js";
import type { DatabaseSelection } from "../../conventions/database-selection.js";
import { describeSelection } from "../../conventions/database-selection.js";
import { writeJson } from "../../output/json-writer.js";
import { formatTextTable } from "../../output/text-table.js";
import { describeLocation } from "./describe-location.js";

function renderStatus(
  location: string,
  why: string,
  migrations: readonly MigrationState[],
  tables: readonly TableSummary[],
): string {
  const migrationRows = migrations.map((state) => ({
    owner: state.owner,
    name: state.name,
    state: state.state,
    applied_at: state.appliedAt ?? "",
  }));
  const tableRows = tables.map((table) => ({ name: table.name, kind: table.kind, rows: table.rowCount }));
  const notApplied = migrations.filter((state) => state.state !== "applied").length;
  const verdict =
    notApplied === 0 ? "up to date" : `${notApplied} migration(s) not applied: run \`spine db init\``;
  return [
    `Database ${location} (${why}): ${verdict}\n`,
    `Migrations (${migrations.length})\n${formatTextTable(migrationRows, { emptyMessage: "(none)" })}\n`,
    `Tables (${tables.length})\n${formatTextTable(tableRows, { emptyMessage: "(none)" })}`,
  ].join("\n");
}

/**
 * `spine db status`: which database (and why: flag, variable, config target), every migration's
 * state and every table's row count.
 */
export async function showDatabaseStatus(
  context: CliContext,
  options: { json?: boolean },
  selection: DatabaseSelection,
): Promise<void> {
  const location = describeLocation(context.settings());
  const status = await context.withSpine({ requireExisting: true }, async (spine) => ({
    backend: await spine.database.describe(),
    migrations: await readMigrationStates(spine.database, spine.registry.migrationSets()),
    tables: await summarizeTables(spine.database),
  }));
  const current = status.migrations.every((state) => state.state === "applied");
  const { source, target, configFile } = selection;
  const chosen = { source, target, configFile };
  if (options.json)
    writeJson(context.io.stdout, { ok: true, database: location, selection: chosen, current, ...status });
  else
    context.io.stdout(
      renderStatus(location, describeSelection(selection, context.io.env), status.migrations, status.tables),
    );
}
