import { describe, expect, it } from "vitest";
import { isWithinRange, resolveWeekRange, weekRangeIssues } from "./week-range.js";

const available = ["2025-10-10", "2025-09-26", "2025-10-03"];

describe("unit", () => {
  describe("weekRangeIssues", () => {
    it("rejects start_week after end_week, naming both", () => {
      const issues = weekRangeIssues({ startWeek: "2025-10-10", endWeek: "2025-10-03" });
      expect(issues).toEqual([
        {
          parameter: "start_week",
          message: expect.stringContaining("start_week 2025-10-10 is after end_week 2025-10-03"),
        },
      ]);
    });

    it("rejects weeks_back together with start_week", () => {
      const issues = weekRangeIssues({ startWeek: "2025-10-03", weeksBack: 2 });
      expect(issues.map((issue) => issue.parameter)).toEqual(["weeks_back"]);
      expect(issues[0]?.message).toContain("not both");
    });

    it("accepts consistent requests", () => {
      expect(weekRangeIssues({ startWeek: "2025-10-03", endWeek: "2025-10-03" })).toEqual([]);
      expect(weekRangeIssues({ endWeek: "2025-10-03", weeksBack: 4 })).toEqual([]);
      expect(weekRangeIssues({})).toEqual([]);
    });
  });

  describe("resolveWeekRange", () => {
    it("returns null when a bound is needed and no week is available", () => {
      expect(resolveWeekRange({}, [])).toBeNull();
      expect(resolveWeekRange({ weeksBack: 3 }, [])).toBeNull();
      expect(resolveWeekRange({ endWeek: "2025-10-03" }, [])).toBeNull();
    });

    it("takes open bounds from the oldest and newest available weeks", () => {
      expect(resolveWeekRange({}, available)).toEqual({ start: "2025-09-26", end: "2025-10-10" });
      expect(resolveWeekRange({ startWeek: "2025-10-03" }, available)).toEqual({
        start: "2025-10-03",
        end: "2025-10-10",
      });
    });

    it("counts weeks_back from end_week, or else from the newest available week, inclusive", () => {
      expect(resolveWeekRange({ weeksBack: 2 }, available)).toEqual({
        start: "2025-10-03",
        end: "2025-10-10",
      });
      expect(resolveWeekRange({ weeksBack: 1, endWeek: "2025-09-26" }, [])).toEqual({
        start: "2025-09-26",
        end: "2025-09-26",
      });
    });

    it("keeps explicit bounds even outside the available weeks", () => {
      expect(resolveWeekRange({ startWeek: "2025-01-03", endWeek: "2025-01-10" }, available)).toEqual({
        start: "2025-01-03",
        end: "2025-01-10",
      });
    });
  });

  describe("isWithinRange", () => {
    it("includes both bounds", () => {
      const range = { start: "2025-09-26", end: "2025-10-03" };
      expect(isWithinRange("2025-09-26", range)).toBe(true);
      expect(isWithinRange("2025-10-03", range)).toBe(true);
      expect(isWithinRange("2025-10-10", range)).toBe(false);
    });
  });
});
