import { describe, expect, it } from "vitest";
import type { SourceFile } from "./backfill-plan.js";
import {
  availableWeeks,
  countBackfillSteps,
  firstFileToIngest,
  groupTierWeeks,
  tierWeekSteps,
  windowSteps,
} from "./backfill-plan.js";

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

  describe("steps", () => {
    it("ingests every file with an explicit tier and week, then normalizes and aggregates", () => {
      const [work] = groupTierWeeks(files, ["OTC"], { start: "2025-10-03", end: "2025-10-03" });
      if (!work) throw new Error("expected a tier-week");
      expect(tierWeekSteps(work)).toEqual([
        {
          tier: "OTC",
          weekEnding: "2025-10-03",
          stage: "ingest",
          pipeline: "otc.ingest_week",
          params: {
            file_path: "/data/finra_otc_weekly_otc_20251103.csv",
            tier: "OTC",
            week_ending: "2025-10-03",
          },
          sourceFile: "finra_otc_weekly_otc_20251103.csv",
        },
        expect.objectContaining({
          stage: "normalize",
          pipeline: "otc.normalize_week",
          params: { tier: "OTC", week_ending: "2025-10-03" },
        }),
        expect.objectContaining({ stage: "aggregate", pipeline: "otc.aggregate_week", sourceFile: null }),
      ]);
    });

    it("passes the window length to rolling and snapshot", () => {
      expect(
        windowSteps("OTC", "2025-10-03", 4).map((step) => [step.pipeline, step.params.window_weeks]),
      ).toEqual([
        ["otc.compute_rolling", 4],
        ["otc.research_snapshot_week", 4],
      ]);
    });

    it("counts every child submission", () => {
      const works = groupTierWeeks(files, ["OTC"], { start: "2025-10-03", end: "2025-10-10" });
      // 2025-10-03: 1 file + 4 stages; 2025-10-10: 3 files + 4 stages.
      expect(countBackfillSteps(works, 6)).toBe(12);
    });
  });

  describe("firstFileToIngest", () => {
    it("ingests everything when no file is the current input", () => {
      expect(firstFileToIngest(["run", "run"])).toBe(0);
      expect(firstFileToIngest([])).toBe(0);
    });

    it("skips the current input and every older file", () => {
      expect(firstFileToIngest(["skip", "run"])).toBe(1);
      expect(firstFileToIngest(["run", "skip"])).toBe(2);
      expect(firstFileToIngest(["run", "skip", "run"])).toBe(2);
    });
  });
});
