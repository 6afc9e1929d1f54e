import { describe, expect, it } from "vitest";
import { parseTierSelection, tierSelectionSchema } from "./tier-selection.js";

describe("unit", () => {
  describe("parseTierSelection", () => {
    it("fails on an unknown tier, naming it", () => {
      const parsed = parseTierSelection("otc,tier9");
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.issues[0]).toContain('unknown tier "tier9"');
    });

    it("fails on an empty selection", () => {
      expect(parseTierSelection(" , ").ok).toBe(false);
      expect(parseTierSelection([]).ok).toBe(false);
    });

    it("expands all to every tier", () => {
      expect(parseTierSelection("ALL")).toEqual({ ok: true, value: ["NMS Tier 1", "NMS Tier 2", "OTC"] });
    });

    it("reads one alias, a comma list or an array, deduplicated in domain order", () => {
      expect(parseTierSelection("otce")).toEqual({ ok: true, value: ["OTC"] });
      expect(parseTierSelection("otc, T1,tier1")).toEqual({ ok: true, value: ["NMS Tier 1", "OTC"] });
      expect(parseTierSelection(["NMS_TIER_2", "otc"])).toEqual({ ok: true, value: ["NMS Tier 2", "OTC"] });
    });
  });

  describe("tierSelectionSchema", () => {
    it("defaults to every tier and reports unknown tiers as issues", () => {
      expect(tierSelectionSchema.parse(undefined)).toEqual(["NMS Tier 1", "NMS Tier 2", "OTC"]);
      expect(tierSelectionSchema.parse(["otc", "tier1"])).toEqual(["NMS Tier 1", "OTC"]);
      expect(tierSelectionSchema.safeParse("tier9").success).toBe(false);
    });
  });
});
