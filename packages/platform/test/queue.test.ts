import { afterEach, describe, expect, it } from "vitest";
import type { Spine, Worker } from "../src/index.js";
import { enqueueBackfill, retryBackfill, startWorker } from "../src/index.js";
import { fastQueue, jobOf, waitForEnd } from "./support/queue-test-helpers.js";
import { seriesDomain } from "./support/series-domain.js";
import { openTemporarySpine } from "./support/temporary-spine.js";
import { testBackend } from "./support/test-backend.js";

describe("integration", () => {
  let spine: Spine | undefined;
  let worker: Worker | undefined;

  afterEach(async () => {
    await worker?.stop(false);
    await spine?.close();
    [spine, worker] = [undefined, undefined];
  });

  describe.runIf(testBackend === "sqlite")("queued backfills on SQLite", () => {
    it("are refused with a USAGE error naming PostgreSQL, before anything is written", async () => {
      spine = await openTemporarySpine({ domains: [seriesDomain] });
      const params = { inputs: { "a|2025-01-01": ["good"] } };
      await expect(enqueueBackfill(spine, "series.backfill", params)).rejects.toMatchObject({
        code: "USAGE",
        message: expect.stringMatching(/need PostgreSQL/),
      });
      const executions = await spine.database.db.selectFrom("core_executions").select("id").execute();
      expect(executions).toEqual([]);
    });
  });

  describe.runIf(testBackend === "postgres")("queued backfills (postgres)", () => {
    it("retries a transient failure, never a data error, and a failed partition blocks only what reads it", async () => {
      spine = await openTemporarySpine({ domains: [seriesDomain], settings: fastQueue });
      const inputs = {
        "a|2025-01-01": ["flaky-a1"],
        "a|2025-01-02": ["bad-a2"],
        "b|2025-01-01": ["good-b1"],
      };
      const queued = await enqueueBackfill(spine, "series.backfill", { inputs });
      worker = await startWorker(spine, { concurrency: 2, name: "test-worker" });
      const status = await waitForEnd(spine, queued.backfillId, 60_000);
      expect(status.status).toBe("failed");
      expect(jobOf(status, "a", "2025-01-01", "load")).toMatchObject({ state: "done", attempts: 2 });
      expect(jobOf(status, "a", "2025-01-02", "load")).toMatchObject({
        state: "failed",
        attempts: 1,
        error: expect.stringMatching(/cannot read bad-a2/),
      });
      expect(jobOf(status, "a", "2025-01-02", "total")?.state).toBe("blocked");
      expect(jobOf(status, "a", "2025-01-02", "window")?.state).toBe("blocked");
      expect(jobOf(status, "a", "2025-01-01", "report")?.state).toBe("done");
      expect(jobOf(status, "b", "2025-01-01", "report")).toMatchObject({
        state: "done",
        worker: "test-worker",
      });

      const retried = await retryBackfill(spine, queued.backfillId);
      expect(retried.retried).toBe(4); // the failed load and the three stages it blocked
      const again = await waitForEnd(spine, queued.backfillId, 60_000);
      expect(jobOf(again, "a", "2025-01-02", "load")).toMatchObject({ state: "failed", attempts: 2 });
      expect(again.counts.done).toBe(status.counts.done);
    }, 120_000);

    it("takes the next ready job as soon as one finishes, not a polling interval later", async () => {
      // A 30 s polling interval: with a wait after every job, this chain of jobs would take minutes.
      spine = await openTemporarySpine({
        domains: [seriesDomain],
        settings: { ...fastQueue, queuePollingSeconds: 30 },
      });
      const queued = await enqueueBackfill(spine, "series.backfill", {
        inputs: { "a|2025-01-01": ["good-a1"] },
      });
      worker = await startWorker(spine, { concurrency: 1, name: "eager-worker" });
      const status = await waitForEnd(spine, queued.backfillId, 20_000);
      expect(status.status).toBe("completed");
      expect(status.counts.done).toBeGreaterThanOrEqual(3);
    }, 60_000);

    it("wakes an idle worker when another process queues jobs, not a polling interval later", async () => {
      // The worker starts first and finds nothing; with a 30 s interval it would next look 30 s on.
      spine = await openTemporarySpine({
        domains: [seriesDomain],
        settings: { ...fastQueue, queuePollingSeconds: 30 },
      });
      worker = await startWorker(spine, { concurrency: 1, name: "idle-worker" });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const queued = await enqueueBackfill(spine, "series.backfill", {
        inputs: { "a|2025-01-01": ["good-a1"] },
      });
      const status = await waitForEnd(spine, queued.backfillId, 15_000);
      expect(status.status).toBe("completed");
    }, 60_000);
  });
});
