import type { OtcDatabase } from "../../pipelines/support/otc-database.js";

/** The latest capture ids of one tier-week's stage and variant, to keep one calculation version's rows. */
export function latestVariantCaptures(
  db: OtcDatabase,
  target: { tier: string; week_ending: string; stage: string; variant: string },
) {
  return db
    .selectFrom("otc_captures_latest")
    .select("capture_id")
    .where("tier", "=", target.tier)
    .where("week_ending", "=", target.week_ending)
    .where("stage", "=", target.stage)
    .where("variant", "=", target.variant);
}
