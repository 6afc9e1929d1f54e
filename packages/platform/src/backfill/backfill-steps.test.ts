import { describe, expect, it } from "vitest";
import { definePartition } from "../stages/define-partition.js";
import { defineStageGraph } from "../stages/define-stage-graph.js";
import type { StepSpec } from "./backfill-steps.js";
import { countSteps, firstInputToRun, partitionSteps, windowSteps } from "./backfill-steps.js";
import type { PartitionWork } from "./backfill-work.js";

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// The OTC shape: tier x week, five stages, rolling reading a window of aggregates.
const spec: StepSpec = {
  domain: "otc",
  graph: defineStageGraph({
    partition: definePartition({
      fields: ["tier", "week_ending"],
      order: { field: "week_ending", advance: (week, weeks) => addDays(week, weeks * 7) },
      noun: "tier-week",
    }),
    stages: ["ingest", "normalize", "aggregate", "rolling", "snapshot"],
    windows: { rolling: { reads: "aggregate", maximumSize: 52 } },
  }),
  pipelines: {
    ingest: "otc.ingest_week",
    normalize: "otc.normalize_week",
    aggregate: "otc.aggregate_week",
    rolling: "otc.compute_rolling",
    snapshot: "otc.research_snapshot_week",
  },
  windowParameter: "window_weeks",
};

function work(weekEnding: string, files: readonly string[]): PartitionWork {
  return {
    key: { tier: "OTC", week_ending: weekEnding },
    inputs: files.map((file) => ({ label: file, params: { file_path: `/data/${file}` } })),
  };
}

describe("unit", () => {
  describe("steps", () => {
    it("runs the first stage once per input with the key explicit, then the partition's own stages", () => {
      expect(partitionSteps(spec, work("2025-10-03", ["finra_otc_weekly_otc_20251103.csv"]))).toEqual([
        {
          partition: { tier: "OTC", week_ending: "2025-10-03" },
          stage: "ingest",
          pipeline: "otc.ingest_week",
          params: {
            file_path: "/data/finra_otc_weekly_otc_20251103.csv",
            tier: "OTC",
            week_ending: "2025-10-03",
          },
          input: "finra_otc_weekly_otc_20251103.csv",
        },
        expect.objectContaining({
          stage: "normalize",
          pipeline: "otc.normalize_week",
          params: { tier: "OTC", week_ending: "2025-10-03" },
        }),
        expect.objectContaining({ stage: "aggregate", pipeline: "otc.aggregate_week", input: null }),
      ]);
    });

    it("passes the window size to the window stage and those after it", () => {
      expect(
        windowSteps(spec, { tier: "OTC", week_ending: "2025-10-03" }, 4).map((step) => [
          step.pipeline,
          step.params.window_weeks,
        ]),
      ).toEqual([
        ["otc.compute_rolling", 4],
        ["otc.research_snapshot_week", 4],
      ]);
    });

    it("counts every child submission", () => {
      const works = [work("2025-10-03", ["a.csv"]), work("2025-10-10", ["b.csv", "c.csv", "d.csv"])];
      // 2025-10-03: 1 file + 4 stages; 2025-10-10: 3 files + 4 stages.
      expect(countSteps(spec, works, 6)).toBe(12);
    });
  });

  describe("firstInputToRun", () => {
    it("runs everything when no input is the current one", () => {
      expect(firstInputToRun(["run", "run"])).toBe(0);
      expect(firstInputToRun([])).toBe(0);
    });

    it("skips the current input and every older one", () => {
      expect(firstInputToRun(["skip", "run"])).toBe(1);
      expect(firstInputToRun(["run", "skip"])).toBe(2);
      expect(firstInputToRun(["run", "skip", "run"])).toBe(2);
    });
  });
});
