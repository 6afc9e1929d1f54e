import { partitionOfCapture } from "../captures/find-capture.js";
import { partitionKeyPatterns } from "../captures/partition-filter.js";
import { compareText } from "../collections/compare-text.js";
import type { PartitionKey, PipelineContext } from "../pipeline/pipeline-types.js";
import type { StageGraph } from "../stages/define-stage-graph.js";
import type { PartitionWork } from "./backfill-work.js";

/** The quality check a backfill records per series: partitions missing inside the range it loaded. */
export const gapCheckName = "backfill.no_missing_partitions";

// The order values of a series whose first stage has a latest capture: what "loaded" means.
async function loadedValues(context: PipelineContext, domain: string, graph: StageGraph, key: PartitionKey) {
  const { fields, order } = graph.partition;
  const seriesFields = fields.filter((field) => field !== order.field);
  let query = context.scope.db
    .selectFrom("core_captures_latest")
    .select(["partition_key"])
    .where("domain", "=", domain)
    .where("stage", "=", graph.stages[0] ?? "")
    .where("variant", "=", "default");
  for (const pattern of partitionKeyPatterns(seriesFields, key))
    query = query.where("partition_key", "like", pattern);
  const rows = await query.execute();
  return new Set(rows.map((row) => String(partitionOfCapture(row)[order.field])));
}

/**
 * Records `backfill.no_missing_partitions` for every series (e.g. tier) a backfill loaded: warn
 * naming each partition between the first and last of the range that has no data (a week FINRA
 * published but the folder lacked, or one that failed), pass when there is none. Stored on the
 * series' last partition of the range, so `<domain>.quality` and the backfill's warnings show it.
 */
export async function recordGapChecks(
  context: PipelineContext,
  target: { readonly domain: string; readonly graph: StageGraph },
  partitions: readonly PartitionWork[],
): Promise<void> {
  const { partition } = target.graph;
  const { field, advance } = partition.order;
  const bySeries = new Map<string, PartitionKey[]>();
  for (const work of partitions) {
    const series = partition.seriesOf(work.key as Record<string, string>);
    bySeries.set(series, [...(bySeries.get(series) ?? []), work.key]);
  }
  for (const keys of bySeries.values()) {
    const values = keys.map((key) => String(key[field])).sort(compareText);
    const [first = "", last = ""] = [values[0], values.at(-1)];
    const lastKey = keys.find((key) => String(key[field]) === last) ?? {};
    const loaded = await loadedValues(context, target.domain, target.graph, lastKey);
    const missing: string[] = [];
    for (let value = first; compareText(value, last) <= 0; value = advance(value, 1))
      if (!loaded.has(value)) missing.push(value);
    const series = partition.fields.filter((name) => name !== field).map((name) => String(lastKey[name]));
    const span = [...series, `${first} .. ${last}`].join(" ");
    await context.quality.record({
      checkName: gapCheckName,
      severity: "warn",
      status: missing.length === 0 ? "pass" : "warn",
      message:
        missing.length === 0
          ? `no ${partition.noun} missing in ${span}`
          : `${missing.length} ${partition.noun}(s) missing in ${span}: ${missing.join(", ")}`,
      actual: missing.length,
      expectedValue: 0,
      domain: target.domain,
      partition: lastKey,
    });
  }
}
