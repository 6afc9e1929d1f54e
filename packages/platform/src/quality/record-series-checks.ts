import { sql } from "kysely";
import type { CapturesDefinition } from "../captures/define-captures.js";
import { partitionOfCapture } from "../captures/find-capture.js";
import { canonicalJson } from "../database/canonical-json.js";
import type { CaptureRow } from "../database/core-tables.js";
import type { PipelineContext } from "../pipeline/pipeline-types.js";
import { recordCheckResult } from "./record-check-result.js";
import { checkActivityConsistent, checkNotInFuture, checkRowCountDrop } from "./research-checks.js";

/** Rows whose two activity measures disagree (e.g. shares > 0 with trades = 0), counted by the caller or here. */
export type ActivityCounts =
  | { readonly sharesWithoutTrades: number; readonly tradesWithoutShares: number }
  | { readonly table: string; readonly shares: string; readonly trades: string };

async function countsOf(context: PipelineContext, activity: ActivityCounts, captureId: string) {
  if (!("table" in activity)) return activity;
  const [shares, trades] = [sql.ref(activity.shares), sql.ref(activity.trades)];
  const result = await sql<{ shares_only: unknown; trades_only: unknown }>`select
  coalesce(sum(case when ${shares} > 0 and ${trades} = 0 then 1 else 0 end), 0) as shares_only,
  coalesce(sum(case when ${trades} > 0 and ${shares} = 0 then 1 else 0 end), 0) as trades_only
from ${sql.table(activity.table)} where capture_id = ${captureId}`.execute(context.scope.db);
  const row = result.rows[0];
  return {
    sharesWithoutTrades: Number(row?.shares_only ?? 0),
    tradesWithoutShares: Number(row?.trades_only ?? 0),
  };
}

// The row counts of the latest captures of `input`'s stage in the `count` partitions before it.
async function previousRowCounts(
  context: PipelineContext,
  captures: CapturesDefinition,
  input: CaptureRow,
  count: number,
) {
  const { field, advance } = captures.graph.partition.order;
  const partition = partitionOfCapture(input);
  const keys = Array.from({ length: count }, (_, index) =>
    canonicalJson({ ...partition, [field]: advance(String(partition[field]), -(index + 1)) }),
  );
  const rows = await context.scope.db
    .selectFrom("core_captures_latest")
    .select("row_count")
    .where("domain", "=", captures.domain)
    .where("stage", "=", input.stage)
    .where("variant", "=", input.variant)
    .where("partition_key", "in", keys)
    .execute();
  return rows.map((row) => Number(row.row_count));
}

/**
 * Checks a researcher acts on, for a stage reading `input` (a capture of a dated series, e.g. a
 * tier-week's normalized rows): `<prefix>.no_future_dates` (its partition date or publication date
 * after today), `<prefix>.shares_and_trades_agree` and `<prefix>.row_count_vs_rolling_average`
 * (its rows below half the average of the previous four partitions').
 */
export async function recordSeriesChecks(
  context: PipelineContext,
  captures: CapturesDefinition,
  input: CaptureRow,
  options: { readonly prefix: string; readonly activity: ActivityCounts },
): Promise<void> {
  const { prefix } = options;
  const today = context.now().toISOString().slice(0, 10);
  const { field } = captures.graph.partition.order;
  const dates = {
    label: field,
    partitionDate: String(partitionOfCapture(input)[field]),
    publicationDate: input.publication_date,
  };
  await recordCheckResult(context.quality, `${prefix}.no_future_dates`, checkNotInFuture(dates, today));
  const activity = await countsOf(context, options.activity, input.capture_id);
  await recordCheckResult(
    context.quality,
    `${prefix}.shares_and_trades_agree`,
    checkActivityConsistent(activity),
  );
  const previous = await previousRowCounts(context, captures, input, 4);
  const drop = checkRowCountDrop(Number(input.row_count), previous);
  await recordCheckResult(context.quality, `${prefix}.row_count_vs_rolling_average`, drop);
}
