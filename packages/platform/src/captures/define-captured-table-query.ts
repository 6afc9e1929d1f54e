import type { Kysely } from "kysely";
import type { z } from "zod";
import type { QueryDefinition } from "../pipeline/define-domain.js";
import type { QueryColumn } from "../pipeline/query-columns.js";
import { defineCapturedQuery } from "./define-captured-query.js";
import type { CapturesDefinition } from "./define-captures.js";

/** What {@link defineCapturedTableQuery} takes: one captured table's rows, filtered and ordered. */
export interface CapturedTableQueryInput<Shape extends z.ZodRawShape>
  extends Pick<QueryDefinition, "aliases" | "calculations" | "chart"> {
  readonly name: string;
  readonly description: string;
  /** The captured table read (its `_latest` rows, or as of a date). */
  readonly table: string;
  /** The query's own parameters; `as_of` is added. A `limit` parameter caps the rows. */
  readonly params: z.ZodObject<Shape>;
  /** The output columns, each a column of the table; `capture_id` is read for `stale` in any case. */
  readonly columns: readonly QueryColumn[];
  /** Parameters compared for equality with the table's column of the same name; absent ones filter nothing. */
  readonly equal: ReadonlyArray<keyof Shape & string>;
  /** Sort keys: a column, optionally followed by ` desc`. */
  readonly orderBy: readonly string[];
}

/**
 * A captured query that is a table's rows, as most research queries are: equality filters, an
 * order and a limit, with `as_of` and `stale` from {@link defineCapturedQuery}. Domains declare
 * such a query instead of writing its Kysely chain.
 */
export function defineCapturedTableQuery<Shape extends z.ZodRawShape>(
  captures: Pick<CapturesDefinition, "domain">,
  input: CapturedTableQueryInput<Shape>,
): QueryDefinition {
  const { table, columns, equal, orderBy, ...declared } = input;
  return defineCapturedQuery(captures, {
    ...declared,
    columns,
    run: (context, params) => {
      const values = params as Record<string, unknown>;
      // The table is a domain's declared identifier; its row type is the output columns.
      const db = context.scope.db as unknown as Kysely<Record<string, Record<string, string>>>;
      const names = columns.map((column) => column.name);
      let query = db
        .selectFrom(context.rowsOf<Record<string, string>>(table))
        .select(names.includes("capture_id") ? names : [...names, "capture_id"]);
      for (const name of equal)
        if (values[name] !== undefined) query = query.where(name as string, "=", String(values[name]));
      for (const key of orderBy) {
        const [column = key, direction] = key.split(" ");
        query = query.orderBy(column, direction === "desc" ? "desc" : "asc");
      }
      if (typeof values.limit === "number") query = query.limit(values.limit);
      return query.execute();
    },
  });
}
