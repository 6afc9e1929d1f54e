import type { CatalogEntry } from "@spine/platform";
import type { TextTableOptions } from "../output/text-table.js";
import { formatTextTable } from "../output/text-table.js";
import { summarizeParameters } from "./summarize-parameters.js";

const legend = "Parameters: * required, =value default. Details: spine describe <name>.\n";

function renderSection(
  title: string,
  entries: readonly CatalogEntry[],
  emptyMessage: string,
  width: number | undefined,
): string {
  const rows = entries.map((entry) => ({
    name: entry.name,
    ...(entry.kind === "pipeline" ? { stage: entry.stage ?? "" } : {}),
    parameters: summarizeParameters(entry.parameters),
    description: entry.description,
  }));
  return `${title} (${entries.length})\n${formatTextTable(rows, { emptyMessage, width })}`;
}

/** The text of `spine list`, fitted to `width` characters when given (a terminal's). */
export function renderCatalog(
  catalog: { pipelines: readonly CatalogEntry[]; queries: readonly CatalogEntry[] },
  width?: number,
): string {
  const pipelines = renderSection("Pipelines", catalog.pipelines, "(no pipelines registered)", width);
  return `${pipelines}\n${renderQueryCatalog(catalog.queries, width)}`;
}

/** The text of `spine query --list`. */
export function renderQueryCatalog(queries: readonly CatalogEntry[], width?: number): string {
  return `${renderSection("Queries", queries, "(no queries registered)", width)}\n${legend}`;
}

/** The text of `spine describe <name>`. */
export function renderCatalogEntry(entry: CatalogEntry, width?: number): string {
  const table = { width, overflow: "vertical" as const };
  const lines = [`${entry.kind} ${entry.name}`, `  ${entry.description}`];
  if (entry.stage) lines.push(`  stage: ${entry.stage}`);
  lines.push("", "Parameters");
  const rows = entry.parameters.map((parameter) => ({
    name: parameter.name,
    type: parameter.type,
    required: parameter.required ? "yes" : "no",
    default: parameter.default === undefined ? "" : JSON.stringify(parameter.default),
    allowed: parameter.allowedValues?.join(", ") ?? "",
    description: parameter.description ?? "",
  }));
  const text = `${lines.join("\n")}\n${formatTextTable(rows, { ...table, emptyMessage: "(no parameters)" })}`;
  return `${text}${renderDeclarations(entry, table)}`;
}

function renderDeclarations(entry: CatalogEntry, table: TextTableOptions): string {
  const sections: string[] = [];
  if (entry.aliases.length > 0) sections.push(`\nAlso answers to: ${entry.aliases.join(", ")}\n`);
  if (entry.calculations.length > 0) {
    const rows = entry.calculations.map((calculation) => ({
      calculation: calculation.name,
      version: calculation.version,
      current: calculation.current ? "yes" : "",
      description: calculation.description,
    }));
    sections.push(`\nCalculation versions (calc_version)\n${formatTextTable(rows, table)}`);
  }
  if (entry.columns.length > 0) {
    const rows = entry.columns.map((column) => ({ column: column.name, meaning: column.description }));
    sections.push(`\nColumns\n${formatTextTable(rows, table)}`);
  }
  return sections.join("");
}
