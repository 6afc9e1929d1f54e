import { describe, expect, it } from "vitest";
import { definePartition } from "./define-partition.js";
import { defineStageGraph } from "./define-stage-graph.js";

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const partition = definePartition({
  fields: ["tier", "week_ending"],
  order: { field: "week_ending", advance: (week, weeks) => addDays(week, weeks * 7) },
  noun: "tier-week",
});

const graph = defineStageGraph({
  partition,
  stages: ["ingest", "normalize", "aggregate", "rolling", "snapshot"],
  windows: { rolling: { reads: "aggregate", maximumSize: 6 } },
});

describe("unit", () => {
  describe("definePartition", () => {
    it("describes keys in field order and groups them into series by every other field", () => {
      const key = { week_ending: "2025-10-10", tier: "OTC" };
      expect(partition.describe(key)).toBe("OTC 2025-10-10");
      expect(Object.keys(partition.keyOf({ ...key, extra: 1 }))).toEqual(["tier", "week_ending"]);
      expect(partition.seriesOf(key)).toBe(partition.seriesOf({ tier: "OTC", week_ending: "2025-10-17" }));
      expect(partition.seriesOf(key)).not.toBe(
        partition.seriesOf({ tier: "NMS Tier 1", week_ending: "2025-10-10" }),
      );
    });

    it("finds the later partitions of a series whose window of n reads a partition", () => {
      const earlier = { tier: "OTC", week_ending: "2025-10-03" };
      const within = (week: string, tier = "OTC") =>
        partition.isWithinWindowAfter(earlier, { tier, week_ending: week }, 6);
      expect(within("2025-10-03")).toBe(false);
      expect(within("2025-10-10")).toBe(true);
      expect(within("2025-11-07")).toBe(true);
      expect(within("2025-11-14")).toBe(false);
      expect(within("2025-10-10", "NMS Tier 1")).toBe(false);
    });

    it("refuses an order field that is not a partition field", () => {
      expect(() =>
        definePartition({
          fields: ["tier"],
          order: { field: "week" as "tier", advance: addDays },
          noun: "x",
        }),
      ).toThrow(/order field week/);
    });
  });

  describe("defineStageGraph", () => {
    it("answers stage order questions from the one declaration", () => {
      expect(graph.isStage("publish")).toBe(false);
      expect(graph.position("publish")).toBe(5);
      expect(graph.position("aggregate")).toBe(2);
      expect(graph.stagesFrom("aggregate")).toEqual(["aggregate", "rolling", "snapshot"]);
      expect(graph.firstWindowStage).toBe("rolling");
    });

    it("lists the window stages reading a stage", () => {
      expect(graph.windowReadersOf("aggregate")).toEqual([
        { stage: "rolling", window: { reads: "aggregate", maximumSize: 6 } },
      ]);
      expect(graph.windowReadersOf("normalize")).toEqual([]);
    });

    it("refuses a window that reads a later stage or has no size", () => {
      const stages = ["load", "window"] as const;
      expect(() =>
        defineStageGraph({ partition, stages, windows: { load: { reads: "window", maximumSize: 2 } } }),
      ).toThrow(/must read an earlier stage/);
      expect(() =>
        defineStageGraph({ partition, stages, windows: { window: { reads: "load", maximumSize: 0 } } }),
      ).toThrow(/maximumSize/);
    });
  });
});
