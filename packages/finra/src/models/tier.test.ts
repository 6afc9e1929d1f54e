import { describe, expect, it } from "vitest";
import { parseTier, TIERS, tierSchema, tierSlug } from "./tier.js";

describe("unit", () => {
  describe("parseTier", () => {
    it("rejects an unknown tier and names the valid values", () => {
      const parsed = parseTier("Tier 3");
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.issues[0]).toContain('unknown tier "Tier 3"');
        expect(parsed.issues[0]).toContain('"NMS Tier 1"');
        expect(parsed.issues[0]).toContain('"OTC"');
      }
    });

    it("rejects an empty string", () => {
      expect(parseTier("").ok).toBe(false);
    });

    it.each([
      ["NMS_TIER_1", "NMS Tier 1"],
      ["nms_tier_1", "NMS Tier 1"],
      ["tier1", "NMS Tier 1"],
      ["T1", "NMS Tier 1"],
      ["NMS Tier 1", "NMS Tier 1"],
      ["nms tier 1", "NMS Tier 1"],
      ["NMS_TIER_2", "NMS Tier 2"],
      ["Tier2", "NMS Tier 2"],
      ["t2", "NMS Tier 2"],
      ["nms tier 2", "NMS Tier 2"],
      ["OTC", "OTC"],
      ["otc", "OTC"],
      ["OTCE", "OTC"],
      ["  otce ", "OTC"],
    ])("accepts %j as %s", (input, expected) => {
      expect(parseTier(input)).toEqual({ ok: true, value: expected });
    });
  });

  describe("tierSchema", () => {
    it("fails with the parseTier message", () => {
      const parsed = tierSchema.safeParse("bogus");
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toContain('unknown tier "bogus"');
    });

    it("coerces an alias to the canonical tier", () => {
      expect(tierSchema.parse("T2")).toBe("NMS Tier 2");
    });
  });

  describe("tierSlug", () => {
    it("maps every tier to the FINRA file name part", () => {
      expect(TIERS.map(tierSlug)).toEqual(["tier1", "tier2", "otc"]);
    });
  });
});
