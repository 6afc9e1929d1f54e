import type { PartitionKey, PipelineContext } from "../pipeline/pipeline-types.js";
import type { CapturesDefinition } from "./define-captures.js";
import { partitionOfCapture } from "./find-capture.js";
import type { RepublicationCheckTarget } from "./likely-republication.js";
import { checkLikelyRepublication } from "./likely-republication.js";
import { partitionKeyPatterns } from "./partition-filter.js";

/** What {@link checkPartitionRepublication} compares; the candidates are found from the partition. */
export type PartitionRepublicationTarget = Omit<RepublicationCheckTarget, "candidates" | "remedy"> &
  Partial<Pick<RepublicationCheckTarget, "remedy">> & {
    /** The stage whose captures are compared; the graph's first stage unless given. */
    readonly stage?: string;
    /** How many partitions either side of the new one are searched; 26 unless given (half a year of weeks). */
    readonly reach?: number;
  };

/**
 * The latest captures of `stage` of the other partitions of the same series (e.g. the same tier)
 * at most `reach` steps of the partition order before or after `partition`, labelled by their
 * order value (a week ending): what a new partition may be a republication of.
 */
export async function findRepublicationCandidates(
  context: Pick<PipelineContext, "scope">,
  captures: CapturesDefinition,
  target: { readonly partition: PartitionKey; readonly stage: string; readonly reach: number },
) {
  const { fields, order } = captures.graph.partition;
  const value = String(target.partition[order.field]);
  const [from, to] = [order.advance(value, -target.reach), order.advance(value, target.reach)];
  let query = context.scope.db
    .selectFrom("core_captures_latest")
    .select(["capture_id", "partition_key"])
    .where("domain", "=", captures.domain)
    .where("stage", "=", target.stage)
    .where("variant", "=", "default");
  const seriesFields = fields.filter((field) => field !== order.field);
  for (const pattern of partitionKeyPatterns(seriesFields, target.partition))
    query = query.where("partition_key", "like", pattern);
  return (await query.execute())
    .map((row) => ({ captureId: row.capture_id, label: String(partitionOfCapture(row)[order.field]) }))
    .filter((candidate) => candidate.label !== value && candidate.label >= from && candidate.label <= to);
}

/**
 * {@link checkLikelyRepublication} for a new partition of a domain's captures: compares it with
 * the other partitions of its series within `reach` (see {@link findRepublicationCandidates}); the
 * default remedy says to roll the capture back and load the file with the partition's order field.
 */
export async function checkPartitionRepublication(
  context: PipelineContext,
  captures: CapturesDefinition,
  partition: PartitionKey,
  target: PartitionRepublicationTarget,
): Promise<string | null> {
  const stage = target.stage ?? captures.graph.stages[0] ?? "";
  const candidates = await findRepublicationCandidates(context, captures, {
    partition,
    stage,
    reach: target.reach ?? 26,
  });
  const field = captures.graph.partition.order.field;
  const remedy =
    target.remedy ??
    ((label: string) => `if so, roll this capture back and load the file with -p ${field}=${label}`);
  return checkLikelyRepublication(context, { ...target, candidates, remedy });
}
