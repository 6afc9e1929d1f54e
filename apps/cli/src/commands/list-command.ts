import { describeCatalog } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { tableWidth } from "../cli-io.js";
import { writeJson } from "../output/json-writer.js";
import { renderCatalog } from "../render/render-catalog.js";

/** `spine list`: pipelines and queries from the registry alone, so it answers without a database. */
export function registerListCommand(program: Command, context: CliContext): void {
  program
    .command("list")
    .description("list pipelines and queries with their parameters")
    .option("--json", "print one JSON document")
    .action((options: { json?: boolean }) => {
      const catalog = describeCatalog(context.registry);
      if (options.json) writeJson(context.io.stdout, { ok: true, ...catalog });
      else context.io.stdout(renderCatalog(catalog, tableWidth(context.io)));
    });
}
