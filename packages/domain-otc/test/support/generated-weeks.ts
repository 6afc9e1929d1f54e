import { join } from "node:path";
import type { Tier } from "@spine/finra";
import { addWeeks, tierSlug } from "@spine/finra";
import type { Spine } from "@spine/platform";
import { fixturesDirectory } from "./otc-spine.js";

/** First week ending of fixtures/finra-otc/generated. */
export const FIRST_GENERATED_WEEK = "2025-08-29";

/** The generated file of a tier-week (named by week: `otc_week_2025-10-03.csv`). */
export function generatedFile(tier: Tier, weekEnding: string): string {
  return join(fixturesDirectory, "generated", `${tierSlug(tier)}_week_${weekEnding}.csv`);
}

/** Ingests, normalizes and aggregates the first `count` generated weeks of a tier; returns their week endings. */
export async function loadGeneratedWeeks(spine: Spine, tier: Tier, count: number): Promise<string[]> {
  const weeks = Array.from({ length: count }, (_, index) => addWeeks(FIRST_GENERATED_WEEK, index));
  for (const weekEnding of weeks) {
    const partition = { tier, week_ending: weekEnding };
    const ingest = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: generatedFile(tier, weekEnding),
      ...partition,
    });
    for (const execution of [
      ingest,
      await spine.dispatcher.submit("otc.normalize_week", partition),
      await spine.dispatcher.submit("otc.aggregate_week", partition),
    ]) {
      if (execution.status !== "completed")
        throw new Error(`${execution.pipeline} ${weekEnding}: ${execution.error}`);
    }
  }
  return weeks;
}
