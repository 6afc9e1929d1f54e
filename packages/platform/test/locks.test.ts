import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { LockManager, SpineDatabase } from "../src/index.js";
import {
  createTableLockManager,
  isSpineError,
  loadSettings,
  openDatabase,
  platformMigrations,
  runMigrations,
  type SpineError,
} from "../src/index.js";
import { useCleanups } from "./support/scratch-database.js";
import { createTemporaryDirectory } from "./support/temporary-spine.js";
import { createTestDatabaseLocation, testBackend } from "./support/test-backend.js";

const cleanups = useCleanups();

// `location` is a SQLite path or a PostgreSQL URL; each backend brings its own lock manager.
async function openMigrated(location: string): Promise<SpineDatabase> {
  const settings = /^postgres/.test(location) ? { databaseUrl: location } : { databasePath: location };
  const database = await openDatabase(loadSettings({ ...settings, busyTimeoutMs: 5_000 }, {}));
  cleanups.push(() => database.close());
  await runMigrations(database, [platformMigrations]);
  return database;
}

const locksOf = (database: SpineDatabase): LockManager =>
  database.locks ?? createTableLockManager(database.db);

async function temporaryPath(): Promise<string> {
  const directory = createTemporaryDirectory();
  cleanups.push(directory.remove);
  const target = await createTestDatabaseLocation(directory.path);
  cleanups.push(target.drop);
  return target.location;
}

const builtPlatform = fileURLToPath(new URL("../dist/index.js", import.meta.url));

describe("integration", () => {
  it("makes a second holder wait, then fail naming the holder's execution id", async () => {
    const path = await temporaryPath();
    const first = locksOf(await openMigrated(path));
    const second = locksOf(await openMigrated(path));
    const held = await first.acquire('otc:{"week":"w1"}', "execution-one", 1_000);
    const started = Date.now();
    const error = (await second
      .acquire('otc:{"week":"w1"}', "execution-two", 300)
      .catch((caught: unknown) => caught)) as SpineError;
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(isSpineError(error)).toBe(true);
    expect(error.code).toBe("LOCK_TIMEOUT");
    expect(error.message).toContain("execution-one");
    await held.release();
    const after = await second.acquire('otc:{"week":"w1"}', "execution-two", 300);
    await after.release();
  });

  it("lets different partitions be held at once", async () => {
    const path = await temporaryPath();
    const locks = locksOf(await openMigrated(path));
    const one = await locks.acquire("otc:a", "e1", 100);
    const two = await locks.acquire("otc:b", "e2", 100);
    await one.release();
    await two.release();
  });

  it("waits for a lock held by another process and gets it when that process releases", async () => {
    expect(existsSync(builtPlatform), "build @spine/platform first (turbo runs build before test)").toBe(
      true,
    );
    const path = await temporaryPath();
    await openMigrated(path);
    const child = spawn(process.execPath, [
      fileURLToPath(new URL("./support/hold-lock.mjs", import.meta.url)),
      path,
      "otc:shared",
      "child-execution",
      "until-told",
    ]);
    const output: string[] = [];
    const errors: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.stderr.on("data", (chunk: Buffer) => errors.push(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output.push(chunk.toString());
        resolve();
      });
      void exited.then((code) => reject(new Error(`lock holder exited with ${code}: ${errors.join("")}`)));
    });
    const locks = locksOf(await openMigrated(path));
    const denied = (await locks
      .acquire("otc:shared", "parent-execution", 100)
      .catch((caught: unknown) => caught)) as SpineError;
    expect(denied.code).toBe("LOCK_TIMEOUT");
    expect(denied.message).toContain("child-execution");
    child.stdin.write("release\n");
    const granted = await locks.acquire("otc:shared", "parent-execution", 10_000);
    // The holder's "released" line can reach us just after its unlock does: read it once it exited.
    expect(await exited).toBe(0);
    expect(output.join("")).toContain("released");
    await granted.release();
  });

  // Table locks need this; an advisory lock dies with its holder's connection (advisory-locks.test.ts).
  it.skipIf(testBackend === "postgres")(
    "takes over a lock whose holder process on this host is gone",
    async () => {
      const path = await temporaryPath();
      const database = await openMigrated(path);
      await database.db
        .insertInto("core_locks")
        .values({
          lock_key: "otc:stale",
          execution_id: "crashed",
          owner: `${(await import("node:os")).hostname()}:999999`,
          acquired_at: new Date().toISOString(),
          expires_at: new Date(Date.now() + 60_000).toISOString(),
        })
        .execute();
      const lock = await createTableLockManager(database.db).acquire("otc:stale", "fresh", 200);
      await lock.release();
    },
  );
});
