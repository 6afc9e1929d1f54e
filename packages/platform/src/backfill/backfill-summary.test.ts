import { describe, expect, it } from "vitest";
import { definePartition } from "../stages/define-partition.js";
import type { PartitionOutcome, StageState } from "./backfill-summary.js";
import { combineStates, partitionStatus, summarizeBackfill } from "./backfill-summary.js";

const names = {
  partition: definePartition({
    fields: ["tier", "week_ending"],
    order: { field: "week_ending", advance: (week: string) => week },
    noun: "tier-week",
  }),
  unit: "weeks",
};

function stages(
  ingest: StageState,
  normalize: StageState,
  aggregate: StageState,
  rolling: StageState,
  snapshot: StageState,
) {
  return { ingest, normalize, aggregate, rolling, snapshot };
}

function outcome(
  weekEnding: string,
  states: ReturnType<typeof stages>,
  failures: PartitionOutcome["failures"] = [],
): PartitionOutcome {
  const partition = { tier: "OTC", week_ending: weekEnding };
  return { partition, stages: states, columns: { rows: 10, rejects: 1 }, failures };
}

describe("unit", () => {
  describe("partitionStatus", () => {
    it("is failed when any stage failed", () => {
      expect(partitionStatus(stages("completed", "failed", "not run", "not run", "not run"))).toBe("failed");
    });

    it("is not run when fail_fast left a stage out", () => {
      expect(partitionStatus(stages("completed", "completed", "completed", "not run", "not run"))).toBe(
        "not run",
      );
    });

    it("is skipped only when every stage was already done", () => {
      expect(partitionStatus(stages("skipped", "skipped", "skipped", "skipped", "skipped"))).toBe("skipped");
      expect(partitionStatus(stages("skipped", "skipped", "skipped", "completed", "completed"))).toBe(
        "completed",
      );
    });
  });

  describe("combineStates", () => {
    it("reports a failed file first, then any completed one", () => {
      expect(combineStates(["completed", "failed"])).toBe("failed");
      expect(combineStates(["skipped", "completed"])).toBe("completed");
      expect(combineStates(["skipped"])).toBe("skipped");
      expect(combineStates([])).toBe("not run");
    });
  });

  describe("summarizeBackfill", () => {
    it("counts failures and names each failed stage in the failure message", () => {
      const summary = summarizeBackfill(names, [
        outcome("2025-10-03", stages("completed", "completed", "completed", "completed", "completed")),
        outcome("2025-10-10", stages("failed", "not run", "not run", "not run", "not run"), [
          { stage: "ingest", input: "bad.csv", message: "header lacks MPID" },
        ]),
        outcome("2025-10-17", stages("not run", "not run", "not run", "not run", "not run")),
      ]);
      expect(summary.failure).toBe(
        "1 of 3 tier-weeks failed: OTC 2025-10-10 ingest: header lacks MPID; 1 not run after the first failure (fail_fast)",
      );
      expect(summary.failed).toEqual([
        {
          tier: "OTC",
          week_ending: "2025-10-10",
          stage: "ingest",
          source_file: "bad.csv",
          error: "header lacks MPID",
        },
      ]);
      expect(summary.metrics).toEqual({
        weeks_planned: 3,
        weeks_completed: 1,
        weeks_failed: 1,
        weeks_skipped: 0,
        weeks_not_run: 1,
      });
    });

    it("builds one table row per tier-week with every stage cell and no failure", () => {
      const summary = summarizeBackfill(names, [
        outcome("2025-10-03", stages("skipped", "skipped", "skipped", "skipped", "skipped")),
      ]);
      expect(summary.failure).toBeNull();
      expect(summary.table).toEqual([
        {
          tier: "OTC",
          week_ending: "2025-10-03",
          ingest: "skipped",
          normalize: "skipped",
          aggregate: "skipped",
          rolling: "skipped",
          snapshot: "skipped",
          rows: 10,
          rejects: 1,
          status: "skipped",
        },
      ]);
    });
  });
});
