import { tierSchema, weekEndingSchema } from "@spine/finra";
import { z } from "zod";

/** Optional tier filter shared by the listing queries. */
export const optionalTier = tierSchema
  .optional()
  .describe("only this tier: NMS Tier 1, NMS Tier 2 or OTC (aliases accepted)");

/** Optional week filter shared by the listing queries. */
export const optionalWeekEnding = weekEndingSchema
  .optional()
  .describe("only this Friday week ending (YYYY-MM-DD)");

/** A row limit with a default. */
export function rowLimit(defaultRows: number, what: string) {
  return z.number().int().min(1).max(100_000).default(defaultRows).describe(`at most this many ${what}`);
}
