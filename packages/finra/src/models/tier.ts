import { fail, ok, type Result } from "@spine/platform/pure";
import { z } from "zod";

export const TIERS = ["NMS Tier 1", "NMS Tier 2", "OTC"] as const;

export type Tier = (typeof TIERS)[number];

export type TierSlug = "tier1" | "tier2" | "otc";

// Spellings seen across FINRA downloads, the FINRA API (tierIdentifier) and our own CLI flags,
// normalised by stripping case, spaces, underscores and hyphens before lookup.
const TIER_ALIASES: ReadonlyMap<string, Tier> = new Map<string, Tier>([
  ["nmstier1", "NMS Tier 1"],
  ["tier1", "NMS Tier 1"],
  ["t1", "NMS Tier 1"],
  ["nmstier2", "NMS Tier 2"],
  ["tier2", "NMS Tier 2"],
  ["t2", "NMS Tier 2"],
  ["otc", "OTC"],
  ["otce", "OTC"],
]);

const TIER_SLUGS: Readonly<Record<Tier, TierSlug>> = {
  "NMS Tier 1": "tier1",
  "NMS Tier 2": "tier2",
  OTC: "otc",
};

const VALID_TIER_SPELLINGS =
  '"NMS Tier 1" (NMS_TIER_1, tier1, T1), "NMS Tier 2" (NMS_TIER_2, tier2, T2), "OTC" (OTCE)';

export function parseTier(input: string): Result<Tier, string> {
  const normalised = input
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
  const tier = TIER_ALIASES.get(normalised);
  if (tier === undefined) {
    return fail(`unknown tier "${input}"; expected one of ${VALID_TIER_SPELLINGS}`);
  }
  return ok(tier);
}

export const tierSchema = z.string().transform((input, context): Tier => {
  const parsed = parseTier(input);
  if (parsed.ok) {
    return parsed.value;
  }
  for (const message of parsed.issues) {
    context.addIssue({ code: "custom", message });
  }
  return z.NEVER;
});

export function tierSlug(tier: Tier): TierSlug {
  return TIER_SLUGS[tier];
}
