import type { Registry, Spine } from "@spine/platform";
import { columnNames, SpineError } from "@spine/platform";
import { validateOrThrow } from "../validate-or-throw.js";
import type { ExportColumn, ExportRow } from "./row-file-writer.js";

/** What an export reads: its columns, then its rows in batches. */
export interface ExportSource {
  readonly kind: "query" | "table";
  readonly columns: readonly ExportColumn[];
  readonly batches: AsyncIterable<readonly ExportRow[]> | Iterable<readonly ExportRow[]>;
}

const rowsPerBatch = 10_000;

function isQuery(registry: Registry, name: string): boolean {
  return registry.listQueries().some((query) => query.name === name);
}

/** What to export, decided before the database opens: a query with its validated input, or a table. */
export type ExportTarget =
  | { readonly kind: "query"; readonly name: string; readonly input: unknown }
  | { readonly kind: "table"; readonly name: string };

async function querySource(spine: Spine, name: string, input: unknown): Promise<ExportSource> {
  const query = spine.registry.getQuery(name);
  const rows = await query.run({ scope: spine.database, logger: spine.logger.child({ query: name }) }, input);
  const columns = columnNames(rows).map((column) => ({ name: column, declaredType: null }));
  return { kind: "query", columns, batches: [rows] };
}

async function* streamed(spine: Spine, table: string): AsyncGenerator<readonly ExportRow[]> {
  const db = spine.database.db.withTables<Record<string, Record<string, unknown>>>();
  let batch: ExportRow[] = [];
  for await (const row of db.selectFrom(table).selectAll().stream(rowsPerBatch)) {
    batch.push(row);
    if (batch.length >= rowsPerBatch) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function tableSource(spine: Spine, name: string, queries: readonly string[]): Promise<ExportSource> {
  const tables = await spine.database.db.introspection.getTables();
  const table = tables.find((candidate) => candidate.name === name);
  if (table === undefined) {
    const known = tables
      .map((candidate) => candidate.name)
      .filter((candidate) => candidate.endsWith("_latest"));
    throw new SpineError(
      "NOT_FOUND",
      `No query or table named ${name}. Queries: ${queries.join(", ")}. Tables include: ${known.join(", ")}.`,
      { details: { name, queries, latestViews: known } },
    );
  }
  const columns = table.columns.map((column) => ({ name: column.name, declaredType: column.dataType }));
  return { kind: "table", columns, batches: streamed(spine, table.name) };
}

/**
 * What `spine export <name>` names: a registered query, whose `-p` parameters are validated here,
 * before any database is opened; else a table or view, taken no parameters.
 */
export function exportTargetOf(
  registry: Registry,
  name: string,
  params: Readonly<Record<string, string>>,
): ExportTarget {
  if (isQuery(registry, name))
    return { kind: "query", name, input: validateOrThrow(name, registry.getQuery(name).params, params) };
  if (Object.keys(params).length > 0) {
    throw new SpineError("USAGE", `${name} is not a query, so it takes no -p parameters.`, {
      details: { name, parameters: Object.keys(params) },
    });
  }
  return { kind: "table", name };
}

/**
 * Opens what an export reads: a query's rows, or a table or view of the database (e.g.
 * `otc_symbol_rolling_latest`) streamed in batches of 10,000 rows. A table's name is only ever
 * used once found among the database's own tables.
 */
export function openExportSource(spine: Spine, target: ExportTarget): Promise<ExportSource> {
  if (target.kind === "query") return querySource(spine, target.name, target.input);
  const queries = spine.registry.listQueries().map((query) => query.name);
  return tableSource(spine, target.name, queries);
}
