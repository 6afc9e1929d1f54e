import type { AliasedSelectQueryBuilder } from "kysely";
import type { z } from "zod";
import type { QueryContext, QueryDefinition } from "../pipeline/define-domain.js";
import { defineQuery } from "../pipeline/define-domain.js";
import type { CaptureSelection } from "./as-of.js";
import { asOfParam, capturedRows } from "./as-of.js";
import type { CapturesDefinition } from "./define-captures.js";
import type { QueryLookup } from "./explain-empty-answer.js";
import { explainEmptyAnswer } from "./explain-empty-answer.js";
import { staleFlaggedRows, withStaleFlags } from "./stale-captures.js";

/** What a captured query's `run` gets besides the usual query context. */
export interface CapturedQueryContext extends QueryContext {
  /** The `as_of` date asked for, or undefined for the latest knowledge. */
  readonly asOf: string | undefined;
  /**
   * A captured table's rows, aliased `t`: of the latest captures, or of those selected as of
   * `asOf`; with `only`, of the selected captures of that stage, variant or partition (e.g. the
   * variant holding one calculation version).
   */
  rowsOf<Row>(table: string, only?: Omit<CaptureSelection, "asOf">): AliasedSelectQueryBuilder<Row, "t">;
  /** Each row with `stale`, from the capture id columns named, which are left out of the result. */
  flagStale<Row extends object, Key extends keyof Row & string>(
    rows: readonly Row[],
    captureColumns: readonly Key[],
  ): Promise<Array<Omit<Row, Key> & { stale: boolean }>>;
}

/** What {@link defineCapturedQuery} takes: a query over a domain's captured tables. */
export interface CapturedQueryInput<Shape extends z.ZodRawShape>
  extends Pick<QueryDefinition, "columns" | "aliases" | "calculations" | "chart"> {
  readonly name: string;
  readonly description: string;
  /**
   * Text parameters checked against a table's values when the answer is empty, so `symbol=aabb`
   * is told "did you mean AABB" (see explainEmptyAnswer).
   */
  readonly lookups?: Readonly<Record<string, QueryLookup>>;
  /** The query's own parameters; `as_of` is added. */
  readonly params: z.ZodObject<Shape>;
  readonly run: (
    context: CapturedQueryContext,
    params: z.output<z.ZodObject<Shape>>,
  ) => Promise<readonly Record<string, unknown>[]>;
}

type Row = Record<string, unknown>;

/**
 * A query of captured data that answers as of a date and says which rows are stale: it takes
 * `as_of=YYYY-MM-DD` beside its own parameters, reads tables through `context.rowsOf` (latest or
 * as of), and every row gets `stale`: from `context.flagStale`, or, for rows returned with a
 * `capture_id` and no `stale`, from that capture.
 */
export function defineCapturedQuery<Shape extends z.ZodRawShape>(
  captures: Pick<CapturesDefinition, "domain">,
  input: CapturedQueryInput<Shape>,
): QueryDefinition {
  const stale = {
    name: "stale",
    description: "true when a capture the row was read from is stale",
    type: "flag" as const,
  };
  return defineQuery({
    name: input.name,
    description: input.description,
    ...(input.columns ? { columns: [...input.columns, stale] } : {}),
    ...(input.aliases ? { aliases: input.aliases } : {}),
    ...(input.calculations ? { calculations: input.calculations } : {}),
    ...(input.chart ? { chart: input.chart } : {}),
    params: input.params.extend({ as_of: asOfParam }),
    explainEmpty: (context, params) => explainEmptyAnswer(context.scope, captures, params, input.lookups),
    run: async (context, params) => {
      const asOf = (params as { as_of?: string }).as_of;
      const { as_of: _asOf, ...own } = params as Row;
      const captured: CapturedQueryContext = {
        ...context,
        asOf,
        rowsOf: (table, only) =>
          capturedRows(context.scope.db, captures, { table, alias: "t", asOf, ...(only ? { only } : {}) }),
        flagStale: (rows, captureColumns) =>
          staleFlaggedRows(context.scope, captures, rows, { asOf, captureColumns }),
      };
      const rows = await input.run(captured, own as z.output<z.ZodObject<Shape>>);
      if (rows.length === 0 || "stale" in (rows[0] ?? {}) || !("capture_id" in (rows[0] ?? {}))) return rows;
      return withStaleFlags(context.scope, captures, rows as Array<Row & { capture_id: string }>, { asOf });
    },
  });
}
