import { sql } from "kysely";
import { z } from "zod";
import type { CaptureRow } from "../database/core-tables.js";
import { defineQuery } from "../pipeline/define-domain.js";
import { asOfParam, selectedCaptures } from "./as-of.js";
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

function captureListing(
  captures: CapturesDefinition,
  row: CaptureRow & { readonly latest_capture_id: string | null; readonly raw_released_at: string | null },
  stale: ReadonlyMap<string, unknown>,
): CaptureListing {
  return {
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
    archived: row.archived_at !== null,
    archive_file: row.archive_file,
    // The raw rows left their table once read; the stored source file rebuilds them on demand.
    raw_rows_released: row.raw_released_at !== null,
  };
}

/**
 * `<domain>.captures`: every capture (each stage run that wrote data) of the domain, filtered by
 * partition fields, with the one the `_latest` views show marked, its publication and knowable
 * dates, whether it is stale (it read an input since superseded or rolled back, or its stage
 * must run again), and where its raw rows are (archived, or released: rebuilt from the stored source). With `as_of`, the captures knowable on that date, latest and stale as judged then.
 */
export function createCapturesQuery(captures: CapturesDefinition, options: CaptureQueryOptions) {
  return defineQuery({
    name: `${captures.domain}.captures`,
    description: options.description,
    params: z.object({ ...options.filters, as_of: asOfParam }),
    run: async (context, params: Record<string, unknown>) => {
      const asOf = params.as_of as string | undefined;
      const db = context.scope.db;
      // As of a date: the captures knowable then, the one selected then marked latest.
      const selected = selectedCaptures(db, captures.domain, { asOf }).select("c.capture_id as latest_id");
      let query = db
        .selectFrom("core_captures as c")
        .leftJoin(selected.as("l"), "l.latest_id", "c.capture_id")
        .leftJoin("core_raw_releases as r", "r.capture_id", "c.capture_id")
        .selectAll("c")
        .select(["l.latest_id as latest_capture_id", "r.released_at as raw_released_at"])
        .where("c.domain", "=", captures.domain);
      if (asOf !== undefined) query = query.where(sql<string>`coalesce(c.knowable_date, '')`, "<=", asOf);
      for (const pattern of partitionKeyPatterns(captures.partitionFields, params))
        query = query.where("c.partition_key", "like", pattern);
      const rows = await query.execute();
      const stale = await findStaleCaptures(
        context.scope,
        captures,
        rows.map((row) => row.capture_id),
        { asOf },
      );
      const listings = rows.map((row) => captureListing(captures, row, stale));
      return listings.sort(compareCaptures(captures));
    },
  });
}
