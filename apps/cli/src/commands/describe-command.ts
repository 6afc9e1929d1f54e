import type { CatalogEntry, Registry } from "@spine/platform";
import { describePipeline, describeQuery, isSpineError } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { tableWidth } from "../cli-io.js";
import { registryName } from "../conventions/registry-names.js";
import { writeJson } from "../output/json-writer.js";
import { renderCatalogEntry } from "../render/render-catalog.js";

// Queries share the name space users type, so `describe` answers for them too; an unknown name
// still reports the pipeline lookup's NOT_FOUND with its suggestions.
function findEntry(registry: Registry, typedName: string): CatalogEntry {
  const name = registryName(registry, typedName);
  try {
    return describePipeline(registry.getPipeline(name));
  } catch (error) {
    const isQuery = registry.listQueries().some((query) => query.name === name);
    if (isSpineError(error, "NOT_FOUND") && isQuery) return describeQuery(registry.getQuery(name));
    throw error;
  }
}

/** `spine describe <name>`: parameters, defaults and allowed values, without a database. */
export function registerDescribeCommand(program: Command, context: CliContext): void {
  program
    .command("describe")
    .description("show a pipeline's (or query's) parameters, defaults and allowed values")
    .argument("<name>", "pipeline or query name, e.g. otc.ingest_week")
    .option("--json", "print one JSON document")
    .action((name: string, options: { json?: boolean }) => {
      const entry = findEntry(context.registry, name);
      if (options.json) writeJson(context.io.stdout, { ok: true, ...entry });
      else context.io.stdout(renderCatalogEntry(entry, tableWidth(context.io)));
    });
}
