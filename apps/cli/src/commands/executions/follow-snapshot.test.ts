import type { ExecutionRecord } from "@spine/platform";
import { describe, expect, it } from "vitest";
import { followSnapshot, renderSnapshot } from "./follow-snapshot.js";

function record(overrides: Partial<ExecutionRecord>): ExecutionRecord {
  return {
    id: "3f2a0000-0000-0000-0000-000000000000",
    pipeline: "otc.backfill_range",
    params: {},
    status: "running",
    trigger: "cli",
    lane: "default",
    logicalKey: null,
    parentExecutionId: null,
    batchId: null,
    correlationId: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: null,
    error: null,
    errorStack: null,
    metrics: {},
    ...overrides,
  };
}

describe("unit", () => {
  describe("followSnapshot and renderSnapshot", () => {
    it("counts children by status and names the last one", () => {
      const children = [
        record({ pipeline: "otc.ingest_week", status: "completed" }),
        record({ pipeline: "otc.normalize_week", status: "skipped" }),
        record({ pipeline: "otc.aggregate_week", status: "running" }),
      ];
      const snapshot = followSnapshot(record({}), children);
      expect(snapshot.children).toMatchObject({ total: 3, completed: 1, skipped: 1, running: 1, failed: 0 });
      expect(renderSnapshot(snapshot, new Date("2026-01-01T12:34:56Z"))).toBe(
        "12:34:56  otc.backfill_range running  children 2/3 done (1 running, 0 failed)  last: otc.aggregate_week running\n",
      );
    });

    it("shows the error once the run has failed", () => {
      const snapshot = followSnapshot(record({ status: "failed", error: "disk full" }), []);
      expect(renderSnapshot(snapshot, new Date("2026-01-01T00:00:00Z"))).toBe(
        "00:00:00  otc.backfill_range failed  error: disk full\n",
      );
    });
  });
});
