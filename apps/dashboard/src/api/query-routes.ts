import { formatCsv, parseParamsOrThrow, SpineError } from "@spine/platform";
import { z } from "zod";
import type { ApiContext } from "./api-context.js";
import { defineApiRoute } from "./api-route.js";

function queryOf(context: ApiContext, name: string) {
  for (const domain of context.domains)
    for (const query of domain.queries ?? []) if (query.name === name) return query;
  const names = context.domains.flatMap((domain) => (domain.queries ?? []).map((query) => query.name));
  throw new SpineError("NOT_FOUND", `No query ${name}. Queries: ${names.join(", ")}.`);
}

/**
 * GET /api/queries/:name: a declared query of any domain, its parameters from the query string
 * checked by the same zod schema (and with the same message) as `spine query`; `format=csv` gives
 * the CLI's `--csv` text.
 */
export const queryRoute = defineApiRoute({
  path: "/api/queries/:name",
  summary:
    "Run a declared query (parameters as in `spine describe <name>`, e.g. as_of and calc_version); format=csv for CSV",
  response: z.object({
    ok: z.literal(true),
    query: z.string(),
    rowCount: z.number(),
    rows: z.array(z.record(z.string(), z.unknown())),
    notes: z.array(z.string()),
  }),
  textTypes: ["text/csv"],
  handle: async (request, context) => {
    const query = queryOf(context, request.path.name ?? "");
    const { format, ...raw } = request.query;
    if (format !== undefined && format !== "csv" && format !== "json")
      throw new SpineError("VALIDATION", `format must be csv or json (got ${format}).`);
    const params = parseParamsOrThrow(query.name, query.params, raw);
    const queryContext = {
      scope: context.spine.database,
      logger: context.spine.logger.child({ query: query.name }),
    };
    const rows = await query.run(queryContext, params);
    if (format === "csv") {
      const declared = query.columns?.map((column) => column.name);
      return {
        contentType: "text/csv; charset=utf-8",
        body: formatCsv(rows, rows.length === 0 ? declared : undefined),
        fileName: `${query.name}.csv`,
      };
    }
    const notes =
      rows.length === 0 && query.explainEmpty ? await query.explainEmpty(queryContext, params) : [];
    return { ok: true, query: query.name, rowCount: rows.length, rows, notes };
  },
});
