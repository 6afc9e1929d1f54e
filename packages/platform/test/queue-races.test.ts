import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { DomainDefinition, LockHandle, Spine, Worker } from "../src/index.js";
import { cancelBackfill, enqueueBackfill, readBackfillStatus, sql, startWorker } from "../src/index.js";
import type { JobEngine } from "../src/queue/create-job-engine.js";
import { createJobEngine } from "../src/queue/create-job-engine.js";
import { runQueuedJob } from "../src/queue/run-queued-job.js";
import { fastQueue, jobOf, waitFor, waitForEnd } from "./support/queue-test-helpers.js";
import { lateBadInputStarted, seriesBackfill, seriesDomain, slowInputMs } from "./support/series-domain.js";
import { openTemporarySpine } from "./support/temporary-spine.js";
import { testBackend } from "./support/test-backend.js";

// Races between workers, leases and cancels of queued backfills (issue #17's review), each one
// first seen failing on the code before its fix.

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function readJob(spine: Spine, backfillId: string, position: number) {
  return spine.database.db
    .selectFrom("core_queue_jobs")
    .selectAll()
    .where("backfill_id", "=", backfillId)
    .where("position", "=", position)
    .executeTakeFirstOrThrow();
}

// No stage may still be running when the test closes the database.
async function waitForQuiet(spine: Spine): Promise<void> {
  await waitFor("no execution running", async () => {
    const running = await spine.database.db
      .selectFrom("core_executions")
      .select("id")
      .where("status", "=", "running")
      .where("parent_execution_id", "is not", null)
      .execute();
    return running.length === 0 ? true : undefined;
  });
}

describe.runIf(testBackend === "postgres")("integration: queued backfill races (postgres)", () => {
  let spine: Spine | undefined;
  let worker: Worker | undefined;
  let engine: JobEngine | undefined;
  let held: LockHandle | undefined;

  afterEach(async () => {
    await held?.release();
    await worker?.stop(false);
    await engine?.stop(false);
    await spine?.close();
    [spine, worker, engine, held] = [undefined, undefined, undefined, undefined];
  });

  async function open(
    settings: Record<string, number> = {},
    domains: DomainDefinition[] = [seriesDomain],
    lockTimeoutMs = 500,
  ) {
    const opened = await openTemporarySpine({
      domains,
      settings: { ...fastQueue, ...settings },
      lockTimeoutMs,
    });
    spine = opened;
    return opened;
  }

  async function handDelivery(opened: Spine, name: string) {
    engine ??= await createJobEngine(opened.settings, {
      logger: opened.logger,
      supervise: false,
      connections: 2,
    });
    return { runtime: opened, engine, worker: name };
  }

  it("retries a job that timed out on its partition lock (held by a worker whose lease ran out) instead of failing it", async () => {
    const opened = await open();
    const locks = opened.database.locks;
    if (locks === undefined) throw new Error("PostgreSQL has advisory locks");
    // The first worker of a redelivered job still holds its partition.
    held = await locks.acquire('series:{"day":"2025-01-01","series":"a"}', "first-worker", 1_000);
    const queued = await enqueueBackfill(opened, "series.backfill", {
      inputs: { "a|2025-01-01": ["good-a1"] },
    });
    worker = await startWorker(opened, { name: "second-worker" });
    await waitFor("a lock timeout", async () => {
      const row = await readJob(opened, queued.backfillId, 0);
      return row.error?.includes("is locked by") ? row : undefined;
    });
    await held.release();
    held = undefined;
    const status = await waitForEnd(opened, queued.backfillId);
    expect(status.status).toBe("completed");
    expect(jobOf(status, "a", "2025-01-01", "load")).toMatchObject({
      state: "done",
      attempts: expect.any(Number),
    });
    expect(jobOf(status, "a", "2025-01-01", "load")?.attempts).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("lets no late worker overwrite the result of the worker that took its job over", async () => {
    // The later delivery waits for the partition until the first one let it go.
    const opened = await open({}, [seriesDomain], 10_000);
    const inputs = { "a|2025-01-01": ["late-bad-a1"] };
    const queued = await enqueueBackfill(opened, "series.backfill", { inputs });
    const delivery = { backfillId: queued.backfillId, position: 0, engineJobId: "hand", retryLimit: 3 };
    const slowWorker = runQueuedJob(await handDelivery(opened, "slow-worker"), {
      ...delivery,
      retryCount: 0,
    });
    // Inside its stage, reading: a job marked running may not have taken the partition yet, and a
    // takeover that got there first would read the input first (a busy machine did that).
    await waitFor("the first delivery reading its input", async () =>
      lateBadInputStarted("late-bad-a1") ? true : undefined,
    );
    // Its lease ran out: the engine delivers the job again, to another worker.
    const takeover = runQueuedJob(await handDelivery(opened, "next-worker"), {
      ...delivery,
      retryCount: 1,
    });
    await Promise.all([slowWorker, takeover]);
    const load = await readJob(opened, queued.backfillId, 0);
    expect(load).toMatchObject({ state: "done", worker: "next-worker", error: null });
    expect((await readJob(opened, queued.backfillId, 1)).state).toBe("queued");
    worker = await startWorker(opened, { name: "finishing-worker" });
    expect((await waitForEnd(opened, queued.backfillId)).status).toBe("completed");
  }, 60_000);

  it("never runs a job cancelled between a worker's read and its start", async () => {
    const opened = await open();
    const queued = await enqueueBackfill(opened, "series.backfill", {
      inputs: { "a|2025-01-01": ["good-a1"] },
    });
    const client = new pg.Client({ connectionString: opened.settings.databaseUrl });
    await client.connect();
    try {
      await client.query("begin");
      await client.query(
        "update core_queue_jobs set state = 'cancelled' where backfill_id = $1 and position = 0",
        [queued.backfillId],
      );
      const delivery = { backfillId: queued.backfillId, position: 0, engineJobId: "hand", retryCount: 0 };
      const run = runQueuedJob(await handDelivery(opened, "racing-worker"), { ...delivery, retryLimit: 3 });
      await sleep(500);
      await client.query("commit");
      await run;
    } finally {
      await client.end();
    }
    expect((await readJob(opened, queued.backfillId, 0)).state).toBe("cancelled");
    const children = await opened.database.db
      .selectFrom("core_executions")
      .select("id")
      .where("parent_execution_id", "=", queued.backfillId)
      .execute();
    expect(children).toEqual([]);
  }, 60_000);

  it("cancels the job engine's queued jobs with the backfill's", async () => {
    const opened = await open();
    const inputs = { "a|2025-01-01": ["good-a1"], "b|2025-01-01": ["good-b1"] };
    const queued = await enqueueBackfill(opened, "series.backfill", { inputs });
    expect(queued.queued).toBe(2);
    await cancelBackfill(opened, queued.backfillId);
    const engineJobs = await sql<{ state: string }>`
      select state from pgboss.job where data->>'backfillId' = ${queued.backfillId}`.execute(
      opened.database.db,
    );
    expect(engineJobs.rows.map((row) => row.state)).toEqual(["cancelled", "cancelled"]);
  }, 60_000);

  it("fails a job whose deliveries the engine gave up on, blocks what waits for it and ends the backfill failed", async () => {
    // Every delivery of the slow input outlives its lease; with no retry left the engine gives up.
    const opened = await open({ queueExpireSeconds: 2, queueRetryLimit: 0 });
    const inputs = { "a|2025-01-01": ["slow-a1"], "b|2025-01-01": ["good-b1"] };
    const queued = await enqueueBackfill(opened, "series.backfill", { inputs });
    worker = await startWorker(opened, { name: "only-worker", concurrency: 2 });
    const status = await waitForEnd(opened, queued.backfillId, 30_000);
    expect(status.status).toBe("failed");
    expect(jobOf(status, "a", "2025-01-01", "load")).toMatchObject({
      state: "failed",
      error: expect.stringMatching(/gave up/),
    });
    expect(jobOf(status, "a", "2025-01-01", "total")?.state).toBe("blocked");
    expect(jobOf(status, "b", "2025-01-01", "report")?.state).toBe("done");
    await waitForQuiet(opened);
  }, 60_000);

  it("keeps a cancelled backfill running until its running job ended, then ends it cancelled", async () => {
    const opened = await open();
    const inputs = { "a|2025-01-01": ["slow-a1"], "a|2025-01-02": ["good-a2"] };
    const queued = await enqueueBackfill(opened, "series.backfill", { inputs });
    worker = await startWorker(opened, { name: "only-worker" });
    await waitFor("the slow job running", async () => {
      const row = await readJob(opened, queued.backfillId, 0);
      return row.state === "running" ? row : undefined;
    });
    await cancelBackfill(opened, queued.backfillId);
    const during = await readBackfillStatus(opened.database.db, queued.backfillId);
    expect(during).toMatchObject({ status: "running", ended: false });
    const status = await waitForEnd(opened, queued.backfillId, slowInputMs + 20_000);
    expect(status).toMatchObject({ status: "cancelled", error: expect.stringMatching(/cancelled/) });
    expect(jobOf(status, "a", "2025-01-01", "load")?.state).toBe("done");
    expect(jobOf(status, "a", "2025-01-02", "load")?.state).toBe("cancelled");
    expect(status.counts.running).toBe(0);
  }, 60_000);

  it("runs the closing gap checks in the transaction that ends the backfill: a failing check leaves nothing", async () => {
    const queue = seriesBackfill.queue;
    if (queue === undefined) throw new Error("a backfill has a queue");
    const brokenBackfill = {
      ...seriesBackfill,
      queue: {
        ...queue,
        finish: async (context: Parameters<typeof queue.finish>[0]) => {
          await sql`insert into closing_marks values (${context.executionId})`.execute(context.scope.db);
          throw new Error("the gap check broke");
        },
      },
    };
    const pipelines = seriesDomain.pipelines.map((pipeline) =>
      pipeline.name === seriesBackfill.name ? brokenBackfill : pipeline,
    );
    const domain: DomainDefinition = {
      ...seriesDomain,
      pipelines: pipelines as typeof seriesDomain.pipelines,
    };
    const opened = await open({}, [domain]);
    await sql`create table closing_marks (execution_id text)`.execute(opened.database.db);
    const queued = await enqueueBackfill(opened, "series.backfill", {
      inputs: { "a|2025-01-01": ["good-a1"] },
    });
    worker = await startWorker(opened, { name: "only-worker" });
    const status = await waitForEnd(opened, queued.backfillId);
    expect(status).toMatchObject({ status: "failed", error: expect.stringMatching(/the gap check broke/) });
    const marks = await sql`select execution_id from closing_marks`.execute(opened.database.db);
    expect(marks.rows).toEqual([]);
  }, 60_000);
});
