import { describe, expect, it } from "vitest";
import type { SourceFile } from "./tier-week-files.js";
import { availableWeeks, groupTierWeeks } from "./tier-week-files.js";

function file(
  fileName: string,
  tier: SourceFile["tier"],
  weekEnding: string,
  publicationDate: string | null,
): SourceFile {
  return { fileName, path: `/data/${fileName}`, tier, weekEnding, publicationDate };
}

const files: SourceFile[] = [
  file("finra_otc_weekly_otc_20251110.csv", "OTC", "2025-10-10", "2025-11-10"),
  file("finra_otc_weekly_otc_20251117.csv", "OTC", "2025-10-10", "2025-11-17"),
  file("otc_week_2025-10-10.csv", "OTC", "2025-10-10", null),
  file("finra_otc_weekly_tier1_20251020.csv", "NMS Tier 1", "2025-10-03", "2025-10-20"),
  file("finra_otc_weekly_otc_20251103.csv", "OTC", "2025-10-03", "2025-11-03"),
  file("finra_otc_weekly_otc_20251027.csv", "OTC", "2025-09-26", "2025-10-27"),
];

describe("unit", () => {
  describe("groupTierWeeks", () => {
    it("returns nothing when no file is in range or tier", () => {
      expect(groupTierWeeks(files, ["NMS Tier 2"], { start: "2025-01-03", end: "2025-12-26" })).toEqual([]);
      expect(groupTierWeeks(files, ["OTC"], { start: "2025-01-03", end: "2025-01-10" })).toEqual([]);
    });

    it("orders tier-weeks by week then tier and files by publication date, undated first", () => {
      const works = groupTierWeeks(files, ["NMS Tier 1", "OTC"], { start: "2025-10-03", end: "2025-10-10" });
      expect(works.map((work) => [work.weekEnding, work.tier])).toEqual([
        ["2025-10-03", "NMS Tier 1"],
        ["2025-10-03", "OTC"],
        ["2025-10-10", "OTC"],
      ]);
      expect(works[2]?.files.map((source) => source.fileName)).toEqual([
        "otc_week_2025-10-10.csv",
        "finra_otc_weekly_otc_20251110.csv",
        "finra_otc_weekly_otc_20251117.csv",
      ]);
    });
  });

  describe("availableWeeks", () => {
    it("lists distinct weeks of the chosen tiers, ascending", () => {
      expect(availableWeeks(files, ["OTC"])).toEqual(["2025-09-26", "2025-10-03", "2025-10-10"]);
      expect(availableWeeks(files, ["NMS Tier 1"])).toEqual(["2025-10-03"]);
    });
  });
});
