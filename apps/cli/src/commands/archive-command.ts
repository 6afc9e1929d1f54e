import type { ArchiveRawOutcome } from "@spine/platform";
import { archiveDirectoryOf, archiveRawCaptures, retentionCutoff } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { writeJson } from "../output/json-writer.js";
import { formatTextTable } from "../output/text-table.js";

function renderOutcome(outcome: ArchiveRawOutcome, directory: string): string {
  const done = outcome.dryRun ? "Would archive" : "Archived";
  const already = outcome.alreadyArchived > 0 ? ` (${outcome.alreadyArchived} already archived)` : "";
  if (outcome.archived.length === 0)
    return `Nothing to archive: no raw capture of a partition before ${outcome.before} is still in the database${already}.\n`;
  const rows = outcome.archived.map((capture) => ({
    capture_id: capture.captureId,
    rows: Object.values(capture.rows).reduce((sum, count) => sum + count, 0),
    bytes: capture.bytes ?? "",
    file: capture.file ?? "",
  }));
  const total = rows.reduce((sum, row) => sum + row.rows, 0);
  const heading = `${done} ${rows.length} raw capture(s) of partitions before ${outcome.before}, ${total} rows, into ${directory}${already}`;
  return `${heading}\n${formatTextTable(rows)}\n`;
}

/**
 * `spine archive --raw-older-than 2y [--dry-run] [--json]`: moves the raw rows of old captures into
 * compressed files named by their sha256 in the archive directory (SPINE_ARCHIVE_DIR, default a
 * `<database>-archive` folder beside a SQLite file); derived tables stay. `spine restore` undoes it.
 */
export function registerArchiveCommand(program: Command, context: CliContext): void {
  program
    .command("archive")
    .description(
      "move raw rows of old captures to compressed files named by their sha256 (derived tables stay)",
    )
    .requiredOption(
      "--raw-older-than <age>",
      "archive raw captures of weeks older than this: 2y, 18m, 26w, 90d",
    )
    .option("--dry-run", "list what would be archived; write and delete nothing")
    .option("--json", "print one JSON document")
    .action(async (options: { rawOlderThan: string; dryRun?: boolean; json?: boolean }) => {
      const before = retentionCutoff(options.rawOlderThan);
      const archiveDirectory = archiveDirectoryOf(context.settings());
      const outcome = await context.withSpine({ requireExisting: true }, async (spine) => {
        await spine.assertReady();
        return archiveRawCaptures(spine.database, spine.registry.domains, {
          before,
          archiveDirectory,
          dryRun: options.dryRun === true,
        });
      });
      if (options.json) writeJson(context.io.stdout, { ok: true, archiveDirectory, ...outcome });
      else context.io.stdout(renderOutcome(outcome, archiveDirectory));
    });
}
