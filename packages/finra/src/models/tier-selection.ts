import { fail, ok, type Result } from "@spine/platform/pure";
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
