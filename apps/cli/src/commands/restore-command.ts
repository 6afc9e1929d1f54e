import type { RestoreSelection } from "@spine/platform";
import { archiveDirectoryOf, restoreRawCaptures, SpineError } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { writeJson } from "../output/json-writer.js";
import { formatTextTable } from "../output/text-table.js";

interface RestoreOptions {
  readonly week?: string;
  readonly tier?: string;
  readonly domain?: string;
  readonly capture?: string;
  readonly json?: boolean;
}

function selectionOf(options: RestoreOptions): RestoreSelection {
  if (options.week === undefined && options.capture === undefined)
    throw new SpineError("USAGE", "spine restore needs --week YYYY-MM-DD or --capture <id>.");
  return {
    ...(options.capture === undefined ? {} : { captureId: options.capture }),
    ...(options.domain === undefined ? {} : { domain: options.domain }),
    ...(options.week === undefined ? {} : { orderValue: options.week }),
    ...(options.tier === undefined ? {} : { fields: { tier: options.tier } }),
  };
}

/**
 * `spine restore --week 2025-11-14 [--tier T] [--domain D] | --capture ID [--json]`: brings archived
 * raw rows back from their files after checking each file's sha256 against its capture's, and
 * raw rows released after normalize back from their stored source file.
 */
export function registerRestoreCommand(program: Command, context: CliContext): void {
  program
    .command("restore")
    .description(
      "bring raw rows back: archived ones from their archive files, released ones (normalized weeks) from their stored source file (sha256 checked)",
    )
    .option(
      "--week <date>",
      "the week ending (YYYY-MM-DD) whose archived or released raw captures to restore",
    )
    .option("--tier <tier>", "only this tier's")
    .option("--domain <name>", "only this domain's")
    .option("--capture <id>", "one archived or released capture by id")
    .option("--json", "print one JSON document")
    .action(async (options: RestoreOptions) => {
      const selection = selectionOf(options);
      const archiveDirectory = archiveDirectoryOf(context.settings());
      const restored = await context.withSpine({ requireExisting: true }, async (spine) => {
        await spine.assertReady();
        return restoreRawCaptures(spine.database, spine.registry.domains, selection, { archiveDirectory });
      });
      if (options.json) writeJson(context.io.stdout, { ok: true, archiveDirectory, restored });
      else {
        const rows = restored.map((capture) => ({
          capture_id: capture.captureId,
          rows: Object.values(capture.rows).reduce((sum, count) => sum + count, 0),
          file: capture.file,
        }));
        context.io.stdout(
          `Restored ${rows.length} raw capture(s) (archives in ${archiveDirectory})\n${formatTextTable(rows)}\n`,
        );
        // Columns a migration dropped since the archive was written: their values stay in the file.
        for (const capture of restored)
          for (const [table, columns] of Object.entries(capture.columnsLeftOut))
            context.io.stderr(
              `note: ${capture.captureId}: ${table} no longer has ${columns.join(", ")}; left in the archive\n`,
            );
      }
    });
}
