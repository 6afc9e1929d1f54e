import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { SpineError } from "@spine/platform";
import type { Command } from "commander";
import { Option } from "commander";
import type { CliContext } from "../cli-context.js";
import { acceptParameterOptions, commandParameters } from "../conventions/command-parameters.js";
import { registryName } from "../conventions/registry-names.js";
import { writeJson } from "../output/json-writer.js";
import { collectParam } from "../parse-param-pairs.js";
import { exportTargetOf, openExportSource } from "./export-source.js";
import type { ExportColumn, ExportFormat, RowFileWriter } from "./row-file-writer.js";
import { exportFormats } from "./row-file-writer.js";
import { createCsvFileWriter, createJsonLinesFileWriter } from "./text-file-writers.js";

interface ExportOptions {
  readonly param: string[];
  readonly format: ExportFormat;
  readonly out: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

async function createWriter(
  format: ExportFormat,
  path: string,
  columns: readonly ExportColumn[],
): Promise<RowFileWriter> {
  if (format === "csv") return createCsvFileWriter(path, columns);
  if (format === "jsonl") return createJsonLinesFileWriter(path, columns);
  // Loaded on first use: the Parquet writer stays out of every other command's start-up.
  const { createParquetFileWriter } = await import("./parquet-file-writer.js");
  return createParquetFileWriter(path, columns);
}

function refuseExisting(path: string, force: boolean): void {
  if (force || !existsSync(path)) return;
  throw new SpineError("USAGE", `${path} exists; pass --force to replace it.`, { details: { path } });
}

/** `spine export <query or table> --format csv|jsonl|parquet --out FILE`. */
async function exportRows(
  context: CliContext,
  typedName: string,
  options: ExportOptions,
  tokens: readonly string[],
): Promise<void> {
  const name = registryName(context.registry, typedName);
  const query = context.registry.listQueries().find((candidate) => candidate.name === name);
  const params = commandParameters(options.param, tokens, query?.params, name);
  const target = exportTargetOf(context.registry, name, params);
  const out = resolve(options.out);
  refuseExisting(out, options.force ?? false);
  // Written beside the destination and renamed at the end: a failed export leaves no partial file.
  const partial = join(dirname(out), `.${Date.now()}-${process.pid}.spine-export.partial`);
  const { progress } = context;
  let rows = 0;
  try {
    await context.withSpine({ requireExisting: true }, async (spine) => {
      await spine.assertReady();
      const source = await openExportSource(spine, target);
      const writer = await createWriter(options.format, partial, source.columns);
      for await (const batch of source.batches) {
        await writer.write(batch);
        rows += batch.length;
        progress.update({ pipeline: `export ${name}`, completed: rows, unit: "rows" });
      }
      await writer.finish();
    });
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    progress.finish();
  }
  const summary = { ok: true, name, format: options.format, out, rowCount: rows };
  if (options.json) writeJson(context.io.stdout, summary);
  else context.io.stdout(`Exported ${rows} rows of ${name} to ${out} (${options.format}).\n`);
}

/** Registers `spine export`. */
export function registerExportCommand(program: Command, context: CliContext): void {
  const command = program
    .command("export")
    .description("write a query's rows, or a table or view (e.g. otc_symbol_rolling_latest), to a file")
    .argument("<name>", "query name (e.g. otc.venue_shares) or table/view name")
    .addOption(new Option("--format <format>", "file format").choices(exportFormats).makeOptionMandatory())
    .requiredOption("--out <file>", "file to write (refused if it exists, unless --force)")
    .option("-p, --param <key=value>", "a query parameter; repeat for several", collectParam, [])
    .option("--force", "replace an existing --out file")
    .option("--json", "print a JSON summary");
  acceptParameterOptions(command).action((name: string, options: ExportOptions, self: Command) =>
    exportRows(context, name, options, self.args.slice(1)),
  );
}
