import { defineQuery } from "@spine/platform";
import { z } from "zod";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { partitionKeyPatterns, tierWeekOfPartitionKey } from "./support/partition-filter.js";
import { optionalTier, optionalWeekEnding, rowLimit } from "./support/query-params.js";
import { numberOf, numberOrNull } from "./support/row-values.js";

const rejectsParams = z.object({
  week_ending: optionalWeekEnding,
  tier: optionalTier,
  reason_code: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe("only this reason code, e.g. NEGATIVE_SHARE_QUANTITY"),
  all_runs: z
    .boolean()
    .default(false)
    .describe(
      "include rejects of earlier runs (forced re-runs, older revisions); default: the latest captures only",
    ),
  limit: rowLimit(100, "rejects"),
});

/** Rejected input records of the OTC domain with their reason and the original record. */
export const rejectsQuery = defineQuery({
  name: "otc.rejects",
  description: "Rejected OTC rows with reason code, line number and raw record, oldest first.",
  params: rejectsParams,
  run: async (context, params) => {
    const db = otcDatabase(context.scope);
    let query = db.selectFrom("core_rejects").selectAll().where("domain", "=", "otc");
    // A forced re-run records its rejects again; by default show the run behind each latest capture.
    if (!params.all_runs) {
      query = query.where("execution_id", "in", db.selectFrom("otc_captures_latest").select("execution_id"));
    }
    for (const pattern of partitionKeyPatterns(params)) query = query.where("partition_key", "like", pattern);
    if (params.reason_code !== undefined)
      query = query.where("reason_code", "=", params.reason_code.toUpperCase());
    const rows = await query.orderBy("id").limit(params.limit).execute();
    return rows.map((row) => ({
      id: numberOf(row.id),
      ...tierWeekOfPartitionKey(row.partition_key),
      stage: row.stage,
      reason_code: row.reason_code,
      reason_detail: row.reason_detail,
      line_number: numberOrNull(row.line_number),
      raw_record: row.raw_record,
      source: row.source,
      execution_id: row.execution_id,
      created_at: row.created_at,
    }));
  },
});
