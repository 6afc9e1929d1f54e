import { describe, expect, it } from "vitest";
import { definePartition } from "../stages/define-partition.js";
import { defineStageGraph } from "../stages/define-stage-graph.js";
import type { BackfillJob } from "./backfill-jobs.js";
import { planBackfillJobs } from "./backfill-jobs.js";
import type { StepSpec } from "./backfill-steps.js";
import type { PartitionWork } from "./backfill-work.js";

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// The OTC shape with a 2-week window, so a window reads this week and the one before.
const spec: StepSpec = {
  domain: "otc",
  graph: defineStageGraph({
    partition: definePartition({
      fields: ["tier", "week_ending"],
      order: { field: "week_ending", advance: (week, weeks) => addDays(week, weeks * 7) },
      noun: "tier-week",
    }),
    stages: ["ingest", "aggregate", "rolling"],
    windows: { rolling: { reads: "aggregate", maximumSize: 2 } },
  }),
  pipelines: { ingest: "otc.ingest_week", aggregate: "otc.aggregate_week", rolling: "otc.compute_rolling" },
};

function work(tier: string, weekEnding: string, files: readonly string[] = ["a.csv"]): PartitionWork {
  return {
    key: { tier, week_ending: weekEnding },
    inputs: files.map((file) => ({ label: file, params: { file } })),
  };
}

const runAll = { windowSize: undefined, inputsToSkip: async () => 0 };

// `stage@tier week` of each job a job waits for, to read the graph at a glance.
function waits(jobs: readonly BackfillJob[]): Record<string, string[]> {
  const name = (job: BackfillJob) => `${job.stage}@${job.partition.tier} ${job.partition.week_ending}`;
  return Object.fromEntries(
    jobs.map((job) => [
      name(job),
      job.dependsOn.map((position) => name(jobs[position] as BackfillJob)).sort(),
    ]),
  );
}

describe("unit", () => {
  describe("backfill jobs", () => {
    it("leaves out inputs already done, so an older revision never runs over a newer one", async () => {
      const jobs = await planBackfillJobs(spec, [work("OTC", "2025-10-03", ["old.csv", "new.csv"])], {
        windowSize: undefined,
        inputsToSkip: async () => 1,
      });
      expect(jobs.filter((job) => job.stage === "ingest").map((job) => job.input)).toEqual(["new.csv"]);
    });

    it("chains a partition's stages, orders each stage by week within a tier, and waits for the window's weeks", async () => {
      const works = [work("OTC", "2025-10-03"), work("OTC", "2025-10-10"), work("T1", "2025-10-03")];
      expect(waits(await planBackfillJobs(spec, works, runAll))).toEqual({
        "ingest@OTC 2025-10-03": [],
        "aggregate@OTC 2025-10-03": ["ingest@OTC 2025-10-03"],
        "ingest@OTC 2025-10-10": ["ingest@OTC 2025-10-03"],
        "aggregate@OTC 2025-10-10": ["aggregate@OTC 2025-10-03", "ingest@OTC 2025-10-10"],
        "ingest@T1 2025-10-03": [],
        "aggregate@T1 2025-10-03": ["ingest@T1 2025-10-03"],
        "rolling@OTC 2025-10-03": ["aggregate@OTC 2025-10-03"],
        "rolling@OTC 2025-10-10": [
          "aggregate@OTC 2025-10-03",
          "aggregate@OTC 2025-10-10",
          "rolling@OTC 2025-10-03",
        ],
        "rolling@T1 2025-10-03": ["aggregate@T1 2025-10-03"],
      });
    });

    it("keeps positions equal to indexes, every dependency pointing backwards", async () => {
      const works = ["2025-10-03", "2025-10-10", "2025-10-17"].map((week) => work("OTC", week));
      const jobs = await planBackfillJobs(spec, works, runAll);
      jobs.forEach((job, index) => {
        expect(job.position).toBe(index);
        for (const position of job.dependsOn) expect(position).toBeLessThan(index);
      });
    });
  });
});
