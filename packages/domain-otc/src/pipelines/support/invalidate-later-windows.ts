import type { Tier } from "@spine/finra";
import { addWeeks } from "@spine/finra";
import type { PipelineContext } from "@spine/platform";

/** Longest rolling window the domain supports; a week's aggregate can sit in that many later windows. */
export const maximumWindowWeeks = 52;

/**
 * A week's aggregate feeds the rolling windows (and snapshots) of later weeks, which are other
 * partitions; when it changes, those stages must run again. Returns how many entries were removed.
 */
export async function invalidateLaterWindows(
  context: PipelineContext,
  tier: Tier,
  weekEnding: string,
): Promise<number> {
  const entries = await context.manifest.list("otc");
  const horizon = addWeeks(weekEnding, maximumWindowWeeks - 1);
  let invalidated = 0;
  for (const entry of entries) {
    const week = String(entry.partition.week_ending);
    if (entry.partition.tier !== tier || week <= weekEnding || week > horizon) continue;
    if (entry.stage !== "rolling" && entry.stage !== "snapshot") continue;
    invalidated += (
      await context.invalidate({ domain: "otc", partition: entry.partition, stages: [entry.stage] })
    ).length;
  }
  return invalidated;
}
