import { describe, expect, it } from "vitest";
import { createProgressLine, describeProgress, describeRunProgress } from "./progress-line.js";

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

  describe("interrupt", () => {
    it("writes a log line above the progress line and redraws it, never onto it", () => {
      const written: string[] = [];
      const line = createProgressLine(
        (text) => written.push(text),
        true,
        () => 0,
      );
      line.interrupt("before\n");
      line.update(event);
      line.interrupt("WARN late week\n");
      expect(written).toEqual([
        "before\n",
        "\r\u001b[2Ktest.load: 2/5 files · 0ms elapsed · ~0ms left",
        "\r\u001b[2KWARN late week\ntest.load: 2/5 files · 0ms elapsed · ~0ms left",
      ]);
    });
  });

  describe("describeRunProgress", () => {
    it("shows steps, rows, elapsed time and an estimate from the pace so far", () => {
      const overall = {
        pipeline: "otc.backfill_range",
        completed: 10,
        total: 40,
        unit: "steps",
        rows: 1234567,
      };
      expect(describeRunProgress(overall, 1234567, 20_000, overall)).toBe(
        "otc.backfill_range: 10/40 steps · 1,234,567 rows · 20.00s elapsed · ~1m 00s left",
      );
    });

    it("names what runs now when a child reported last", () => {
      const overall = { pipeline: "otc.backfill_range", completed: 0, total: 4, unit: "steps" };
      const child = { pipeline: "otc.ingest_week", completed: 500, unit: "rows" };
      expect(describeRunProgress(overall, 500, 900, child)).toBe(
        "otc.backfill_range: 0/4 steps · 500 rows · 900ms elapsed (otc.ingest_week: 500 rows)",
      );
    });
  });

  describe("describeProgress", () => {
    it("omits the parts an event does not carry", () => {
      expect(describeProgress({ pipeline: "p.q", completed: 1, message: "x" })).toBe("p.q: 1 (x)");
    });
  });
});
