import type { Tier } from "@spine/finra";
import { tierSlug } from "@spine/finra";
import type { CaptureRow, NewCaptureRow } from "../../database/otc-tables.js";
import type { OtcStage } from "../../otc-stages.js";
import type { OtcDatabase } from "./otc-database.js";

/** Stages that produce captures, in workflow order. */
export type CaptureStage = OtcStage;

/** What a new capture records besides its identity. */
export type CaptureDetails = Omit<NewCaptureRow, "capture_id" | "capture_number" | "row_count">;

/** The newest capture of a tier-week stage (and variant), or null when there is none. */
export async function findLatestCapture(
  db: OtcDatabase,
  tier: Tier,
  weekEnding: string,
  stage: CaptureStage,
  variant = "default",
): Promise<CaptureRow | null> {
  const row = await db
    .selectFrom("otc_captures_latest")
    .selectAll()
    .where("tier", "=", tier)
    .where("week_ending", "=", weekEnding)
    .where("stage", "=", stage)
    .where("variant", "=", variant)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Opens a new capture: a forced recompute adds one and keeps the old ones. Ids read as
 * `stage:tier:week[:variant]:n`, so `spine otc captures` is readable without a lookup.
 */
export async function createCapture(db: OtcDatabase, details: CaptureDetails): Promise<string> {
  const previous = await db
    .selectFrom("otc_captures")
    .select((expression) => expression.fn.max("capture_number").as("highest"))
    .where("tier", "=", details.tier)
    .where("week_ending", "=", details.week_ending)
    .where("stage", "=", details.stage)
    .where("variant", "=", details.variant)
    .executeTakeFirst();
  const captureNumber = Number(previous?.highest ?? 0) + 1;
  const variantPart = details.variant === "default" ? "" : `${details.variant}:`;
  const tier = details.tier as Tier;
  const captureId = `${details.stage}:${tierSlug(tier)}:${details.week_ending}:${variantPart}${captureNumber}`;
  await db
    .insertInto("otc_captures")
    .values({ ...details, capture_id: captureId, capture_number: captureNumber, row_count: 0 })
    .execute();
  return captureId;
}

/** Records how many rows a capture holds once its stage has written them. */
export async function setCaptureRowCount(
  db: OtcDatabase,
  captureId: string,
  rowCount: number,
): Promise<void> {
  await db
    .updateTable("otc_captures")
    .set({ row_count: rowCount })
    .where("capture_id", "=", captureId)
    .execute();
}
