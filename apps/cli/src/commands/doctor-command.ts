import { readMigrationStates } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import type { DatabaseSelection } from "../conventions/database-selection.js";
import { describeSelection, selectDatabase } from "../conventions/database-selection.js";
import { describeError } from "../error-boundary.js";
import { writeJson } from "../output/json-writer.js";
import type { DoctorCheck } from "./doctor-checks.js";
import { checkMigrations, checkNodeVersion, checkRegistry } from "./doctor-checks.js";

// Database problems become failed checks rather than errors: the point of doctor is to report
// every problem at once.
async function checkDatabase(context: CliContext, selection: DatabaseSelection): Promise<DoctorCheck[]> {
  try {
    return await context.withSpine({ requireExisting: true }, async (spine) => {
      const backend = await spine.database.describe();
      const settings = Object.entries(backend.settings).map(([key, value]) => `${key}=${value}`);
      const database: DoctorCheck = {
        name: "database",
        ok: true,
        message: `${backend.dialect} ${backend.location}, ${describeSelection(selection, context.io.env)} (version ${backend.serverVersion}; ${settings.join(", ")})`,
        details: {
          ...backend,
          selection: { source: selection.source, target: selection.target, configFile: selection.configFile },
        },
      };
      return [
        database,
        checkMigrations(await readMigrationStates(spine.database, spine.registry.migrationSets())),
      ];
    });
  } catch (error) {
    const report = describeError(error);
    return [
      { name: "database", ok: false, message: report.message, details: { code: report.code } },
      { name: "migrations", ok: false, message: "not checked: the database is unreachable" },
    ];
  }
}

function renderChecks(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map((check) => check.name.length));
  const lines = checks.map(
    (check) => `${check.ok ? "pass" : "FAIL"}  ${check.name.padEnd(width)}  ${check.message}`,
  );
  const failed = checks.filter((check) => !check.ok).length;
  return `${lines.join("\n")}\n\n${failed === 0 ? "All checks passed." : `${failed} check(s) failed.`}\n`;
}

/** `spine doctor`: Node version, database, migrations and registry, each pass or fail. */
export function registerDoctorCommand(program: Command, context: CliContext): void {
  program
    .command("doctor")
    .description("check Node.js, the database, migrations and the registry")
    .option("--json", "print one JSON document")
    .action(async (options: { json?: boolean }, command: Command) => {
      const selection = selectDatabase(command.optsWithGlobals(), context.io.env, process.cwd());
      const checks = [
        checkNodeVersion(process.versions.node),
        ...(await checkDatabase(context, selection)),
        checkRegistry(context.registry),
      ];
      const ok = checks.every((check) => check.ok);
      if (options.json) writeJson(context.io.stdout, { ok, checks });
      else context.io.stdout(renderChecks(checks));
      if (!ok) context.markFailed();
    });
}
