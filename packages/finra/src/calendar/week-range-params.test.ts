import { describe, expect, it } from "vitest";
import { z } from "zod";
import { refineWeekRange, weekRangeParams, weekRangeRequestOf } from "./week-range-params.js";

const schema = z.object(weekRangeParams).superRefine(refineWeekRange);

describe("unit", () => {
  describe("weekRangeParams", () => {
    it("reads a range and reports a contradiction on the parameter to change", () => {
      expect(weekRangeRequestOf(schema.parse({ end_week: "2025-10-10", weeks_back: 2 }))).toEqual({
        startWeek: undefined,
        endWeek: "2025-10-10",
        weeksBack: 2,
      });
      const parsed = schema.safeParse({ start_week: "2025-10-10", end_week: "2025-10-03" });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([["start_week"]]);
    });
  });
});
