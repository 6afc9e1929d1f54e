import { SpineError } from "@spine/platform";

/** The error for a stage whose input stage has not produced anything for the partition yet. */
export function missingInput(stage: string, tier: string, weekEnding: string, needed: string): SpineError {
  return new SpineError(
    "SOURCE",
    `Cannot run ${stage} for ${tier} week ending ${weekEnding}: no ${needed} capture exists yet. Run otc.${needed === "ingest" ? "ingest_week" : `${needed}_week`} first (or otc.backfill_range).`,
    { details: { stage, tier, week_ending: weekEnding, needed } },
  );
}
