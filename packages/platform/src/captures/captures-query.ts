import { z } from "zod";
import { defineQuery } from "../pipeline/define-domain.js";
import type { CapturesDefinition } from "./define-captures.js";
import { partitionFieldsOf, partitionKeyPatterns } from "./partition-filter.js";
import type { CaptureQueryOptions } from "./query-options.js";
import { compareText, numberOf, numberOrNull } from "./query-options.js";
import { findStaleCaptures } from "./stale-captures.js";

type CaptureListing = Record<string, unknown> & {
  readonly stage: string;
  readonly variant: string;
  readonly capture_number: number;
};

function compareCaptures(captures: CapturesDefinition) {
  return (left: CaptureListing, right: CaptureListing): number => {
    for (const field of captures.partitionFields) {
      const order = compareText(left[field] as string | null, right[field] as string | null);
      if (order !== 0) return order;
    }
    return (
      captures.graph.position(left.stage) - captures.graph.position(right.stage) ||
      compareText(left.variant, right.variant) ||
      left.capture_number - right.capture_number
    );
  };
}

/**
 * `<domain>.captures`: every capture (each stage run that wrote data) of the domain, filtered by
 * partition fields, with the one the `_latest` views show marked, its publication and knowable
 * dates, and whether it is stale (it read an input since superseded or rolled back, or its stage
 * must run again).
 */
export function createCapturesQuery(captures: CapturesDefinition, options: CaptureQueryOptions) {
  return defineQuery({
    name: `${captures.domain}.captures`,
    description: options.description,
    params: z.object(options.filters),
    run: async (context, params: Record<string, unknown>) => {
      let query = context.scope.db
        .selectFrom("core_captures as c")
        .leftJoin("core_captures_latest as l", "l.capture_id", "c.capture_id")
        .selectAll("c")
        .select("l.capture_id as latest_capture_id")
        .where("c.domain", "=", captures.domain);
      for (const pattern of partitionKeyPatterns(captures.partitionFields, params))
        query = query.where("c.partition_key", "like", pattern);
      const rows = await query.execute();
      const stale = await findStaleCaptures(
        context.scope,
        captures,
        rows.map((row) => row.capture_id),
      );
      const listings = rows.map(
        (row): CaptureListing => ({
          capture_id: row.capture_id,
          ...partitionFieldsOf(captures.partitionFields, row.partition_key),
          stage: row.stage,
          variant: row.variant,
          capture_number: numberOf(row.capture_number),
          is_latest: row.latest_capture_id !== null,
          source_revision: numberOrNull(row.source_revision),
          source_file: row.source_file,
          publication_date: row.publication_date,
          knowable_date: row.knowable_date,
          stale: stale.has(row.capture_id),
          row_count: numberOf(row.row_count),
          input_capture_id: row.input_capture_id,
          execution_id: row.execution_id,
          created_at: row.created_at,
        }),
      );
      return listings.sort(compareCaptures(captures));
    },
  });
}
