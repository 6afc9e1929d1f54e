import { describeCatalog, formatCsv, SpineError } from "@spine/platform";
import type { Command } from "commander";
import { Option } from "commander";
import type { CliContext } from "../cli-context.js";
import { tableWidth } from "../cli-io.js";
import { acceptParameterOptions, commandParameters } from "../conventions/command-parameters.js";
import { registryName } from "../conventions/registry-names.js";
import { writeJson } from "../output/json-writer.js";
import { formatTextTable } from "../output/text-table.js";
import { collectParam } from "../parse-param-pairs.js";
import { renderQueryCatalog } from "../render/render-catalog.js";
import { validateOrThrow } from "../validate-or-throw.js";

/** Options shared by `spine query` and its per-domain aliases. */
export interface QueryOptions {
  readonly param: string[];
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly list?: boolean;
}

/**
 * Adds `-p`, `--json` and `--csv` (mutually exclusive) to a query command; the query's declared
 * parameters are options too (`--tier OTC`).
 */
export function addQueryOptions(command: Command): Command {
  return acceptParameterOptions(command)
    .option("-p, --param <key=value>", "a parameter; repeat for several", collectParam, [])
    .addOption(
      new Option("--json", "print one JSON document: { ok, query, rowCount, rows }").conflicts("csv"),
    )
    .addOption(new Option("--csv", "print the rows as CSV (RFC 4180)"));
}

function listQueries(context: CliContext, json: boolean): void {
  const { queries } = describeCatalog(context.registry);
  if (json) writeJson(context.io.stdout, { ok: true, queries });
  else context.io.stdout(renderQueryCatalog(queries, tableWidth(context.io)));
}

/**
 * Runs a domain query and prints its rows as a text table, CSV, or the JSON envelope
 * `{ ok, query, rowCount, rows }`. `tokens` are the parameter options commander left unparsed.
 */
export async function runQuery(
  context: CliContext,
  typedName: string,
  options: QueryOptions,
  tokens: readonly string[] = [],
): Promise<void> {
  const name = registryName(context.registry, typedName);
  const query = context.registry.getQuery(name);
  const raw = commandParameters(options.param, tokens, query.params, name);
  const params = validateOrThrow(name, query.params, raw);
  const { rows, notes } = await context.withSpine({ requireExisting: true }, async (spine) => {
    await spine.assertReady();
    const queryContext = { scope: spine.database, logger: spine.logger.child({ query: name }) };
    const rows = await query.run(queryContext, params);
    // An empty answer looks like a wrong question: say why it is empty, beside the result.
    const notes =
      rows.length === 0 && query.explainEmpty ? await query.explainEmpty(queryContext, params) : [];
    return { rows, notes };
  });
  const declared = query.columns?.map((column) => column.name);
  if (options.json)
    writeJson(context.io.stdout, { ok: true, query: query.name, rowCount: rows.length, rows });
  else if (options.csv) context.io.stdout(formatCsv(rows, rows.length === 0 ? declared : undefined));
  else context.io.stdout(formatTextTable(rows, { width: tableWidth(context.io) }));
  for (const note of notes) context.io.stderr(`note: ${note}\n`);
}

/** `spine query <name>`; without a name (or with --list) it lists the queries. */
export function registerQueryCommand(program: Command, context: CliContext): void {
  const command = program
    .command("query")
    .description("run a domain query and print its rows (no name or --list: list queries)")
    .argument("[name]", "query name, e.g. otc.captures")
    .option("--list", "list the available queries");
  addQueryOptions(command).action((name: string | undefined, options: QueryOptions, self: Command) => {
    const tokens = self.args.slice(name === undefined ? 0 : 1);
    if (name === undefined || options.list) {
      if (tokens.length > 0) throw new SpineError("USAGE", `Unknown option '${tokens[0]}' for query --list.`);
      if (options.csv) throw new SpineError("USAGE", "--csv needs a query name; use --json to list queries.");
      listQueries(context, options.json ?? false);
      return;
    }
    if (name.startsWith("-"))
      throw new SpineError("USAGE", `The query name comes first: spine query <name> ${name} ...`);
    return runQuery(context, name, options, tokens);
  });
}
