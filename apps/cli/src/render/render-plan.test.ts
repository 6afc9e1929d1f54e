import { describe, expect, it } from "vitest";
import { flattenPlan } from "./render-plan.js";

describe("unit", () => {
  describe("flattenPlan", () => {
    it("indents nested steps under their parent", () => {
      const rows = flattenPlan({
        pipeline: "test.all",
        params: {},
        partition: null,
        action: "run",
        reason: "1 of 2 steps would run",
        steps: [
          {
            pipeline: "test.load",
            params: {},
            partition: { week: "2025-01-03" },
            action: "run",
            reason: "not done yet",
          },
          {
            pipeline: "test.load",
            params: {},
            partition: { week: "2025-01-10" },
            action: "skip",
            reason: "done",
          },
        ],
      });
      expect(rows.map((row) => row.pipeline)).toEqual(["test.all", "  test.load", "  test.load"]);
      expect(rows[1]?.partition).toBe("week=2025-01-03");
      expect(rows[2]?.action).toBe("skip");
    });
  });
});
