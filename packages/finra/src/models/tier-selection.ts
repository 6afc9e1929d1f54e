import { fail, ok, type Result } from "@spine/platform/pure";
import { z } from "zod";
import type { Tier } from "./tier.js";
import { parseTier, TIERS } from "./tier.js";

const ALL_TIERS_WORD = "all";

/**
 * Reads "all", one tier alias, a comma list or an array of them into distinct tiers in the
 * domain's order, so a backfill walks tiers the same way whatever order the user typed.
 */
export function parseTierSelection(input: string | readonly string[]): Result<Tier[], string> {
  const words = (typeof input === "string" ? [input] : input)
    .flatMap((entry) => entry.split(","))
    .map((word) => word.trim())
    .filter((word) => word !== "");
  if (words.length === 0)
    return fail(`no tier given; expected "${ALL_TIERS_WORD}", a tier or a comma list of tiers`);
  if (words.some((word) => word.toLowerCase() === ALL_TIERS_WORD)) return ok([...TIERS]);
  const chosen = new Set<Tier>();
  const issues: string[] = [];
  for (const word of words) {
    const tier = parseTier(word);
    if (tier.ok) chosen.add(tier.value);
    else issues.push(...tier.issues);
  }
  if (issues.length > 0) return fail(...issues);
  return ok(TIERS.filter((tier) => chosen.has(tier)));
}

/**
 * A tier selection parameter ({@link parseTierSelection}); "all" by default. Its metadata tells
 * the CLI the parameter is a list of tiers and which words it takes.
 */
export const tierSelectionSchema = z
  .union([z.string(), z.array(z.string())])
  .default(ALL_TIERS_WORD)
  .transform((input, context): Tier[] => {
    const parsed = parseTierSelection(input);
    if (parsed.ok) return parsed.value;
    for (const message of parsed.issues) context.addIssue({ code: "custom", message });
    return z.NEVER;
  })
  .meta({
    description: '"all" (default), one tier (OTC, tier1, NMS_TIER_2, ...), a comma list or an array of tiers',
    parameterType: "tiers",
    allowedValues: [ALL_TIERS_WORD, ...TIERS],
  });
