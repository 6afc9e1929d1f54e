import { describe, expect, it } from "vitest";
import { createProgressLine, describeProgress } from "./progress-line.js";

const event = { executionId: "e1", pipeline: "test.load", completed: 2, total: 5, unit: "files" };

describe("unit", () => {
  describe("createProgressLine", () => {
    it("writes nothing when stderr is not a terminal", () => {
      const written: string[] = [];
      const line = createProgressLine((text) => written.push(text), false);
      line.update(event);
      line.finish();
      expect(written).toEqual([]);
    });

    it("rewrites one line and clears it at the end on a terminal", () => {
      const written: string[] = [];
      const line = createProgressLine((text) => written.push(text), true);
      line.update(event);
      line.update({ ...event, completed: 3 });
      line.finish();
      expect(written).toHaveLength(3);
      expect(written[1]).toContain("test.load: 3/5 files");
      expect(written[2]).not.toContain("test.load");
    });
  });

  describe("describeProgress", () => {
    it("omits the parts an event does not carry", () => {
      expect(describeProgress({ pipeline: "p.q", completed: 1, message: "x" })).toBe("p.q: 1 (x)");
    });
  });
});
