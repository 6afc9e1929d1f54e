import { defineQuery } from "@spine/platform";
import { z } from "zod";
import { partitionKeyPatterns, tierWeekOfPartitionKey } from "./support/partition-filter.js";
import { optionalTier, optionalWeekEnding, rowLimit } from "./support/query-params.js";
import { numberOf } from "./support/row-values.js";

const qualityParams = z.object({
  week_ending: optionalWeekEnding,
  tier: optionalTier,
  status: z.enum(["pass", "warn", "fail"]).optional().describe("only checks with this outcome"),
  limit: rowLimit(500, "checks"),
});

/** Data-quality checks recorded by the OTC stages, oldest first. */
export const qualityQuery = defineQuery({
  name: "otc.quality",
  description:
    "Quality checks of OTC tier-weeks (check, severity, status, actual vs expected), oldest first.",
  params: qualityParams,
  run: async (context, params) => {
    let query = context.scope.db.selectFrom("core_quality").selectAll().where("domain", "=", "otc");
    for (const pattern of partitionKeyPatterns(params)) query = query.where("partition_key", "like", pattern);
    if (params.status !== undefined) query = query.where("status", "=", params.status);
    const rows = await query.orderBy("id").limit(params.limit).execute();
    return rows.map((row) => ({
      id: numberOf(row.id),
      ...tierWeekOfPartitionKey(row.partition_key),
      check_name: row.check_name,
      severity: row.severity,
      status: row.status,
      expected: numberOf(row.expected) === 1,
      actual_value: row.actual_value,
      expected_value: row.expected_value,
      message: row.message,
      execution_id: row.execution_id,
      created_at: row.created_at,
    }));
  },
});
