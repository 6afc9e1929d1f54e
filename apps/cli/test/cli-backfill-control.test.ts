import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { LockHandle, SpineDatabase } from "@spine/platform";
import { loadSettings, openDatabase, sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import type { WorkerProcess } from "./support/queue-workers.js";
import { fastQueueSettings, startWorkerProcess, stopWorkerProcesses } from "./support/queue-workers.js";
import { spawnSpine } from "./support/spawn-spine.js";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { createTestDatabaseLocation, postgresAdminUrl } from "./support/test-backend.js";

const atsFixtures = resolve(import.meta.dirname, "../../../fixtures/finra-ats/generated");
const runAts = ["run", "ats.backfill_range", "-p", `source_dir=${atsFixtures}`, "--queue", "--json"];

interface StatusJob {
  readonly partition: { tier: string; week_ending: string };
  readonly stage: string;
  readonly state: string;
  readonly error: string | null;
}

describe.skipIf(!postgresAdminUrl)("integration: spine backfill control (postgres)", () => {
  const directory = mkdtempSync(join(tmpdir(), "spine-backfill-control-"));
  let location: TestDatabaseLocation | undefined;
  let database: SpineDatabase | undefined;
  let held: LockHandle | undefined;
  let workers: WorkerProcess[] = [];

  afterEach(async () => {
    await stopWorkerProcesses(workers);
    await held?.release();
    await database?.close();
    await location?.drop();
    [held, database, location, workers] = [undefined, undefined, undefined, []];
  }, 60_000);

  async function freshDatabase(): Promise<{ location: TestDatabaseLocation; url: string }> {
    location = await createTestDatabaseLocation(directory, "postgres");
    expect((await spawnSpine(location, ["db", "init"])).code).toBe(0);
    if (!("databaseUrl" in location.settings)) throw new Error("a PostgreSQL location was expected");
    database = await openDatabase(loadSettings({ databaseUrl: location.settings.databaseUrl }, {}));
    return { location, url: location.settings.databaseUrl };
  }

  it("status and cancel print JSON that parses; a cancelled backfill's status fails (exit 1)", async () => {
    const { location: target } = await freshDatabase();
    const queued = await spawnSpine(target, runAts);
    expect(queued.code, queued.stderr).toBe(0);
    const backfillId = JSON.parse(queued.stdout).queued.backfillId as string;
    const running = await spawnSpine(target, ["backfill", "status", backfillId, "--json"]);
    expect(running.code).toBe(0);
    expect(JSON.parse(running.stdout).backfill).toMatchObject({ status: "running", ended: false });
    const cancel = await spawnSpine(target, ["backfill", "cancel", backfillId.slice(0, 8), "--json"]);
    expect(JSON.parse(cancel.stdout)).toMatchObject({ ok: true, backfillId });
    const cancelled = await spawnSpine(target, ["backfill", "status", backfillId, "--json"]);
    expect(cancelled.code).toBe(1);
    expect(JSON.parse(cancelled.stdout).backfill).toMatchObject({
      status: "cancelled",
      ended: true,
      error: expect.stringMatching(/cancelled by spine backfill cancel/),
    });
  }, 120_000);

  // A partition locked by a worker that never lets go: each delivery of its job outlives its
  // lease, and with no retry left the engine gives up on it.
  it("spine run --queue --wait exits 1 once the engine gave up on a job, instead of waiting forever", async () => {
    const { location: target, url } = await freshDatabase();
    const locks = database?.locks;
    if (locks === undefined) throw new Error("PostgreSQL has advisory locks");
    held = await locks.acquire('ats:{"tier":"NMS Tier 1","week_ending":"2025-09-05"}', "stuck-worker", 5_000);
    const lease = { SPINE_QUEUE_EXPIRE_SECONDS: "2", SPINE_QUEUE_RETRY_LIMIT: "0" };
    workers.push(
      await startWorkerProcess("patient-worker", url, {
        cwd: directory,
        environment: { ...lease, SPINE_LOCK_TIMEOUT_MS: "300000" },
      }),
    );
    const environment = { ...fastQueueSettings, ...lease };
    const run = await spawnSpine(target, [...runAts, "--wait"], { environment, timeoutMs: 120_000 });
    expect(run.code, "spine run --queue --wait still waiting after 120 s").toBe(1);
    const { backfill } = JSON.parse(run.stdout);
    expect(backfill.status).toBe("failed");
    const jobs = backfill.jobs as StatusJob[];
    const stuck = jobs.filter(
      (job) => job.partition.tier === "NMS Tier 1" && job.partition.week_ending === "2025-09-05",
    );
    expect(stuck.find((job) => job.stage === "ingest")).toMatchObject({
      state: "failed",
      error: expect.stringMatching(/gave up/),
    });
    expect(stuck.filter((job) => job.stage !== "ingest").every((job) => job.state === "blocked")).toBe(true);
    expect(jobs.some((job) => job.state === "done")).toBe(true);
    const running = await sql<{ count: string }>`
      select count(*) as count from core_queue_jobs where state in ('queued', 'running')`.execute(
      database?.db ?? (undefined as never),
    );
    expect(Number(running.rows[0]?.count)).toBe(0);
  }, 240_000);
});
