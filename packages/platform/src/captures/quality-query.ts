import { z } from "zod";
import { defineQuery } from "../pipeline/define-domain.js";
import { asOfParam, selectedCaptures } from "./as-of.js";
import type { CapturesDefinition } from "./define-captures.js";
import { partitionFieldsOf, partitionKeyPatterns } from "./partition-filter.js";
import type { CaptureQueryOptions } from "./query-options.js";
import { numberOf, rowLimit } from "./query-options.js";

/** `<domain>.quality`: the data-quality checks the domain's stages recorded, oldest first. */
export function createQualityQuery(captures: CapturesDefinition, options: CaptureQueryOptions) {
  const params = z.object({
    ...options.filters,
    status: z.enum(["pass", "warn", "fail"]).optional().describe("only checks with this outcome"),
    limit: rowLimit(500, "checks"),
    as_of: asOfParam.describe(
      "only the checks of the runs behind the captures selected on this date (YYYY-MM-DD); every check when absent",
    ),
  });
  return defineQuery({
    name: `${captures.domain}.quality`,
    description: options.description,
    params,
    run: async (context, input) => {
      const filter = input as z.output<typeof params> & Record<string, unknown>;
      let query = context.scope.db
        .selectFrom("core_quality")
        .selectAll()
        .where("domain", "=", captures.domain);
      for (const pattern of partitionKeyPatterns(captures.partitionFields, filter))
        query = query.where("partition_key", "like", pattern);
      if (filter.status !== undefined) query = query.where("status", "=", filter.status);
      if (filter.as_of !== undefined) {
        const runs = selectedCaptures(context.scope.db, captures.domain, { asOf: filter.as_of });
        query = query.where("execution_id", "in", runs.select("c.execution_id"));
      }
      const rows = await query.orderBy("id").limit(filter.limit).execute();
      return rows.map((row) => ({
        id: numberOf(row.id),
        ...partitionFieldsOf(captures.partitionFields, row.partition_key),
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
}
