import { z } from "zod";
import type { RejectRow } from "../database/core-tables.js";
import { defineQuery } from "../pipeline/define-domain.js";
import { asOfParam, selectedCaptures } from "./as-of.js";
import type { CapturesDefinition } from "./define-captures.js";
import { partitionFieldsOf, partitionKeyPatterns } from "./partition-filter.js";
import type { CaptureQueryOptions } from "./query-options.js";
import { numberOf, numberOrNull, rowLimit } from "./query-options.js";

function rejectsParams(options: CaptureQueryOptions & { readonly reasonCodeExample: string }) {
  return z.object({
    ...options.filters,
    reason_code: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe(`only this reason code, e.g. ${options.reasonCodeExample}`),
    all_runs: z
      .boolean()
      .default(false)
      .describe(
        "include rejects of earlier runs (forced re-runs, older revisions); default: the latest captures only",
      ),
    limit: rowLimit(100, "rejects"),
    as_of: asOfParam,
  });
}

function rejectListing(captures: CapturesDefinition, row: RejectRow) {
  return {
    id: numberOf(row.id),
    ...partitionFieldsOf(captures.partitionFields, row.partition_key),
    stage: row.stage,
    reason_code: row.reason_code,
    reason_detail: row.reason_detail,
    line_number: numberOrNull(row.line_number),
    raw_record: row.raw_record,
    source: row.source,
    execution_id: row.execution_id,
    created_at: row.created_at,
  };
}

/** `<domain>.rejects`: rejected input records with reason and original record, oldest first. */
export function createRejectsQuery(
  captures: CapturesDefinition,
  options: CaptureQueryOptions & { readonly reasonCodeExample: string },
) {
  const params = rejectsParams(options);
  return defineQuery({
    name: `${captures.domain}.rejects`,
    description: options.description,
    params,
    run: async (context, input) => {
      const filter = input as z.output<typeof params> & Record<string, unknown>;
      const db = context.scope.db;
      let query = db.selectFrom("core_rejects").selectAll().where("domain", "=", captures.domain);
      // A forced re-run records its rejects again; by default show the run behind each latest
      // capture (as of a date: each capture selected then; with all_runs, every capture knowable then).
      const asOf = filter.as_of;
      if (!filter.all_runs) {
        const latestRuns = selectedCaptures(db, captures.domain, { asOf }).select("c.execution_id");
        query = query.where("execution_id", "in", latestRuns);
      } else if (asOf !== undefined) {
        const knowableRuns = db
          .selectFrom("core_captures")
          .select("execution_id")
          .where("domain", "=", captures.domain)
          .where((row) => row.fn.coalesce("knowable_date", row.val("")), "<=", asOf);
        query = query.where("execution_id", "in", knowableRuns);
      }
      for (const pattern of partitionKeyPatterns(captures.partitionFields, filter))
        query = query.where("partition_key", "like", pattern);
      if (filter.reason_code !== undefined)
        query = query.where("reason_code", "=", filter.reason_code.toUpperCase());
      const rows = await query.orderBy("id").limit(filter.limit).execute();
      return rows.map((row) => rejectListing(captures, row));
    },
  });
}
