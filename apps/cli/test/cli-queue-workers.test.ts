import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { SpineDatabase } from "@spine/platform";
import { loadSettings, openDatabase, sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureFileName, writeFinraWeek } from "../../../scripts/fixtures/finra-week-generator.mjs";
import type { NetworkNamespace } from "./support/network-namespaces.js";
import {
  createNetworkNamespaces,
  namespacesUnavailable,
  removeNetworkNamespaces,
} from "./support/network-namespaces.js";
import type { WorkerProcess } from "./support/queue-workers.js";
import { fastQueueSettings, startWorkerProcess, stopWorkerProcesses } from "./support/queue-workers.js";
import { spawnSpine } from "./support/spawn-spine.js";
import { differingTables, snapshotTables } from "./support/table-snapshot.js";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { createTestDatabaseLocation, postgresAdminUrl } from "./support/test-backend.js";

const atsFixtures = resolve(import.meta.dirname, "../../../fixtures/finra-ats/generated");
const tiers = ["NMS Tier 1", "NMS Tier 2", "OTC"] as const;
const firstWeek = "2025-06-06";
const netnsRequired = process.env.SPINE_REQUIRE_NETNS === "1";
const netnsProblem = namespacesUnavailable();

function weekAfter(week: string, weeks: number): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

async function generateWeeks(
  directory: string,
  weeks: number,
  chosenTiers: readonly string[],
): Promise<void> {
  mkdirSync(directory, { recursive: true });
  for (let index = 0; index < weeks; index += 1)
    for (const tier of chosenTiers) {
      const weekEnding = weekAfter(firstWeek, index);
      const options = {
        tier: tier as (typeof tiers)[number],
        weekEnding,
        rows: 300 + index * 7,
        seed: 17 + index,
      };
      await writeFinraWeek(join(directory, fixtureFileName(options.tier, weekEnding)), options);
    }
}

function urlOf(location: TestDatabaseLocation): string {
  if (!("databaseUrl" in location.settings)) throw new Error("a PostgreSQL location was expected");
  return location.settings.databaseUrl;
}

async function withDatabase<T>(
  location: TestDatabaseLocation,
  work: (database: SpineDatabase) => Promise<T>,
) {
  const database = await openDatabase(loadSettings({ databaseUrl: urlOf(location) }, {}));
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

// Nothing may be left holding a partition once the workers stopped.
async function locksLeft(database: SpineDatabase): Promise<{ rows: number; advisory: number }> {
  const rows = await sql<{ count: string }>`select count(*) as count from core_locks`.execute(database.db);
  const advisory = await sql<{ count: string }>`
    select count(*) as count from pg_locks where locktype = 'advisory'
      and database = (select oid from pg_database where datname = current_database())`.execute(database.db);
  return { rows: Number(rows.rows[0]?.count), advisory: Number(advisory.rows[0]?.count) };
}

function backfillArguments(sourceDirectory: string, weeks: number): string[][] {
  const range = ["-p", `start_week=${firstWeek}`, "-p", `end_week=${weekAfter(firstWeek, weeks - 1)}`];
  return [
    ["run", "otc.backfill_range", "-p", `source_dir=${sourceDirectory}`, ...range],
    ["run", "ats.backfill_range", "-p", `source_dir=${atsFixtures}`],
  ];
}

// The kill trials load OTC only (3 weeks x 2 tiers): each trial is a fresh database and backfill.
function trialArguments(sourceDirectory: string): string[][] {
  return backfillArguments(sourceDirectory, 3).slice(0, 1);
}

describe("integration", () => {
  describe("queued backfills on SQLite", () => {
    it("refuses --queue with an error naming PostgreSQL, and writes nothing", async () => {
      const directory = mkdtempSync(join(tmpdir(), "spine-queue-sqlite-"));
      const location = await createTestDatabaseLocation(directory, "sqlite");
      try {
        expect((await spawnSpine(location, ["db", "init"])).code).toBe(0);
        const run = await spawnSpine(location, [
          "run",
          "ats.backfill_range",
          "-p",
          `source_dir=${atsFixtures}`,
          "--queue",
          "--json",
        ]);
        expect(run.code).toBe(2);
        expect(JSON.parse(run.stdout).error.message).toMatch(/need PostgreSQL/);
        const list = await spawnSpine(location, ["executions", "list", "--json"]);
        expect(JSON.parse(list.stdout).executions).toEqual([]);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    }, 120_000);
  });

  // Three workers, each in its own network namespace with its own address, as three machines
  // sharing one PostgreSQL server would be; the result must equal an in-process backfill's.
  describe.skipIf(!postgresAdminUrl)("spine workers across network namespaces (postgres)", () => {
    let directory: string;
    let namespaces: NetworkNamespace[] = [];
    let workers: WorkerProcess[] = [];
    const locations: TestDatabaseLocation[] = [];

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), "spine-queue-"));
      await generateWeeks(join(directory, "otc"), 12, tiers);
    }, 120_000);

    afterAll(async () => {
      await stopWorkerProcesses(workers);
      removeNetworkNamespaces(namespaces);
      for (const location of locations) await location.drop();
      rmSync(directory, { recursive: true, force: true });
    }, 120_000);

    async function freshDatabase(): Promise<TestDatabaseLocation> {
      const location = await createTestDatabaseLocation(directory, "postgres");
      locations.push(location);
      expect((await spawnSpine(location, ["db", "init"])).code).toBe(0);
      return location;
    }

    it("backfills 12 weeks x 3 tiers of OTC and the ATS fixtures into the tables an in-process run makes", async () => {
      if (netnsProblem !== null) {
        if (netnsRequired)
          throw new Error(`SPINE_REQUIRE_NETNS=1 but network namespaces are unavailable: ${netnsProblem}`);
        console.warn(`skipping the network namespace workers: ${netnsProblem}`);
        return;
      }
      const reference = await freshDatabase();
      for (const argv of backfillArguments(join(directory, "otc"), 12))
        expect((await spawnSpine(reference, argv)).code).toBe(0);
      const queued = await freshDatabase();
      namespaces = createNetworkNamespaces(3);
      const url = new URL(urlOf(queued));
      workers = await Promise.all(
        namespaces.map((namespace, index) => {
          const inside = new URL(url);
          inside.hostname = namespace.hostAddress;
          return startWorkerProcess(`worker-${index + 1}`, inside.toString(), {
            namespace: namespace.name,
            cwd: directory,
          });
        }),
      );
      const runs = await Promise.all(
        backfillArguments(join(directory, "otc"), 12).map((argv) =>
          spawnSpine(queued, [...argv, "--queue", "--wait", "--json"], { environment: fastQueueSettings }),
        ),
      );
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const [otc] = runs.map((run) => JSON.parse(run.stdout));
      expect(otc.backfill.counts.failed).toBe(0);
      const ranBy = new Set(otc.backfill.jobs.map((job: { worker: string }) => job.worker));
      expect(ranBy.size).toBeGreaterThan(1);
      await stopWorkerProcesses(workers);
      const expected = await withDatabase(reference, snapshotTables);
      const actual = await withDatabase(queued, snapshotTables);
      expect(Object.keys(expected).length).toBeGreaterThan(10);
      expect(differingTables(expected, actual)).toEqual({});
      expect(await withDatabase(queued, locksLeft)).toEqual({ rows: 0, advisory: 0 });
    }, 600_000);

    // The job a worker holds when it is killed comes back after the engine's expiry and another
    // worker completes it; the killed transaction leaves nothing behind.
    it("survives kill -9 of a worker mid-job in 10 trials: identical tables, no duplicates, nothing locked", async () => {
      const source = join(directory, "otc-small");
      await generateWeeks(source, 3, ["NMS Tier 1", "OTC"]);
      const reference = await freshDatabase();
      for (const argv of trialArguments(source)) expect((await spawnSpine(reference, argv)).code).toBe(0);
      const expected = await withDatabase(reference, snapshotTables);
      let midJobKills = 0;
      for (let trial = 1; midJobKills < 10; trial += 1) {
        // A job seen running may finish before the signal lands: that trial killed no job, so
        // it still has to leave identical tables, but it does not count as one of the ten.
        expect(trial, "trials needed to kill ten workers mid-job").toBeLessThanOrEqual(20);
        const outcome = await killTrial(source, trial);
        expect(differingTables(expected, outcome.snapshot), `trial ${trial}`).toEqual({});
        expect(outcome.locks, `trial ${trial}`).toEqual({ rows: 0, advisory: 0 });
        // A trial whose backfill ended before a running job was seen killed nothing.
        if (outcome.killedJob === null) continue;
        expect(["done", "skipped"]).toContain(outcome.killedJob.state);
        if (outcome.killedJob.worker !== outcome.killed) midJobKills += 1;
      }
    }, 1_500_000);

    async function runningJob(database: SpineDatabase, workerNames: readonly string[]) {
      const result = await sql<{ backfill_id: string; position: number; worker: string }>`
        select backfill_id, position, worker from core_queue_jobs where state = 'running' and worker in (${sql.join(workerNames)})`.execute(
        database.db,
      );
      return result.rows[0];
    }

    async function waitUntil<T>(read: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await read();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`nothing seen within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }

    async function killTrial(source: string, trial: number) {
      const location = await freshDatabase();
      const url = urlOf(location);
      const names = [`trial${trial}-a`, `trial${trial}-b`];
      const started = await Promise.all(
        names.map((name) => startWorkerProcess(name, url, { cwd: directory })),
      );
      workers.push(...started);
      const queued = await Promise.all(
        trialArguments(source).map((argv) =>
          spawnSpine(location, [...argv, "--queue", "--json"], { environment: fastQueueSettings }),
        ),
      );
      for (const run of queued) expect(run.code, run.stderr).toBe(0);
      const ids = queued.map((run) => JSON.parse(run.stdout).queued.backfillId as string);
      return withDatabase(location, async (database) => {
        const ended = async () => {
          const rows = await sql<{ status: string }>`
            select status from core_executions where id in (${sql.join(ids)}) and status <> 'running'`.execute(
            database.db,
          );
          return rows.rows.length === ids.length ? true : undefined;
        };
        // Workers take the jobs as soon as they are queued (a few seconds of work in all): a
        // random moment of the first half second, then the job running then, if any still runs.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
        const victim = await waitUntil(
          async () => (await runningJob(database, names)) ?? ((await ended()) ? null : undefined),
          60_000,
        );
        if (victim !== null) {
          started.find((worker) => worker.name === victim.worker)?.child.kill("SIGKILL");
          workers.push(await startWorkerProcess(`trial${trial}-c`, url, { cwd: directory }));
        }
        await waitUntil(ended, 180_000);
        await stopWorkerProcesses(workers);
        const killedJob =
          victim === null
            ? null
            : await database.db
                .selectFrom("core_queue_jobs")
                .select(["state", "worker"])
                .where("position", "=", victim.position)
                .where("backfill_id", "=", victim.backfill_id)
                .executeTakeFirstOrThrow();
        return {
          killed: victim?.worker ?? null,
          killedJob,
          snapshot: await snapshotTables(database),
          locks: await locksLeft(database),
        };
      });
    }
  });
});
