import { defineQuery } from "@spine/platform";
import { z } from "zod";
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
  limit: rowLimit(100, "rejects"),
});

/** Rejected input records of the OTC domain with their reason and the original record. */
export const rejectsQuery = defineQuery({
  name: "otc.rejects",
  description: "Rejected OTC rows with reason code, line number and raw record, oldest first.",
  params: rejectsParams,
  run: async (context, params) => {
    let query = context.scope.db.selectFrom("core_rejects").selectAll().where("domain", "=", "otc");
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
