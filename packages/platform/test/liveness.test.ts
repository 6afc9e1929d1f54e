import { hostname } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import type { Spine } from "../src/index.js";
import { createTableLockManager, processOwner } from "../src/index.js";
import { openTemporarySpine } from "./support/temporary-spine.js";
import { testBackend } from "./support/test-backend.js";

let spine: (Spine & { directory: string }) | undefined;
afterEach(async () => {
  await spine?.close();
  spine = undefined;
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

async function insertRunning(opened: Spine, id: string, owner: string | null, heartbeatAt: string | null) {
  await opened.database.db
    .insertInto("core_executions")
    .values({
      id,
      pipeline: "demo.load",
      params: "{}",
      status: "running",
      trigger: "api",
      lane: "default",
      logical_key: null,
      parent_execution_id: null,
      batch_id: id,
      created_at: minutesAgo(30),
      started_at: minutesAgo(30),
      finished_at: null,
      error: null,
      error_stack: null,
      metrics: null,
      owner,
      heartbeat_at: heartbeatAt,
    })
    .execute();
}

async function statusOf(opened: Spine, id: string) {
  return opened.database.db
    .selectFrom("core_executions")
    .select(["status", "error", "finished_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("integration", () => {
  // Issue #13, failure 1: a killed run left its executions `running` forever.
  it("marks abandoned, with the reason, the runs whose heartbeat stopped or whose process is gone", async () => {
    spine = await openTemporarySpine();
    await insertRunning(spine, "silent-elsewhere", "other-host:4242:instance", minutesAgo(10));
    await insertRunning(spine, "alive-elsewhere", "other-host:4343:instance", new Date().toISOString());
    await insertRunning(spine, "dead-here", `${hostname()}:999999:instance`, new Date().toISOString());
    await insertRunning(spine, "before-heartbeats", null, null);
    await insertRunning(spine, "this-process", processOwner, minutesAgo(10));
    const abandoned = await spine.reapAbandoned();
    expect(abandoned.map((entry) => entry.id).sort()).toEqual([
      "before-heartbeats",
      "dead-here",
      "silent-elsewhere",
    ]);
    const silent = await statusOf(spine, "silent-elsewhere");
    expect(silent.status).toBe("abandoned");
    expect(silent.error).toMatch(
      /^abandoned: no heartbeat from its process \(other-host:4242:instance\) since /,
    );
    expect(silent.finished_at).not.toBeNull();
    expect((await statusOf(spine, "dead-here")).error).toContain("is gone");
    expect((await statusOf(spine, "alive-elsewhere")).status).toBe("running");
    expect((await statusOf(spine, "this-process")).status).toBe("running");
  });

  it("settles dead runs before a top-level run starts, and records its own owner and heartbeat", async () => {
    spine = await openTemporarySpine();
    await insertRunning(spine, "crashed", "other-host:1:instance", minutesAgo(5));
    const run = await spine.dispatcher.submit("demo.load", { day: "2025-01-01", rows: 1 }).catch(() => null);
    expect((await statusOf(spine, "crashed")).status).toBe("abandoned");
    if (run === null) return;
    const row = await spine.database.db
      .selectFrom("core_executions")
      .select(["owner", "heartbeat_at"])
      .where("id", "=", run.id)
      .executeTakeFirstOrThrow();
    expect(row.owner).toBe(processOwner);
    expect(row.heartbeat_at).not.toBeNull();
  });

  // Issue #13, failure 2: owners were `host:pid`, so a CLI restarted as PID 1 again (a container
  // restart) looked like the dead owner, alive, and its lock blocked the week for its lease.
  it.skipIf(testBackend === "postgres")(
    "never takes a dead owner with this process's PID for this process: its lock is taken over at once",
    async () => {
      spine = await openTemporarySpine();
      await insertRunning(
        spine,
        "previous-incarnation",
        `${hostname()}:${process.pid}`,
        new Date().toISOString(),
      );
      await spine.database.db
        .insertInto("core_locks")
        .values({
          lock_key: "demo:week",
          execution_id: "previous-incarnation",
          owner: `${hostname()}:${process.pid}`,
          acquired_at: new Date().toISOString(),
          expires_at: new Date(Date.now() + 6 * 3_600_000).toISOString(),
        })
        .execute();
      const started = Date.now();
      const lock = await createTableLockManager(spine.database.db).acquire("demo:week", "fresh", 5_000);
      // Well under the 5 s an acquire would wait for a live holder (a loaded machine is slow).
      expect(Date.now() - started).toBeLessThan(4_000);
      await lock.release();
      const previous = await statusOf(spine, "previous-incarnation");
      expect(previous.status).toBe("abandoned");
      expect(previous.error).toContain("the lock on demo:week was taken over");
    },
  );

  it.skipIf(testBackend === "postgres")("frees a lock whose lease ran out unrenewed", async () => {
    spine = await openTemporarySpine();
    await spine.database.db
      .insertInto("core_locks")
      .values({
        lock_key: "demo:lease",
        execution_id: "silent",
        owner: "other-host:7:instance",
        acquired_at: minutesAgo(5),
        expires_at: minutesAgo(1),
      })
      .execute();
    const lock = await createTableLockManager(spine.database.db).acquire("demo:lease", "fresh", 500);
    await lock.release();
  });
});
