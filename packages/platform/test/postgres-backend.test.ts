import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SpineDatabase } from "../src/index.js";
import {
  dumpSchema,
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

async function openScratch(poolSize = 4): Promise<{ database: SpineDatabase; url: string }> {
  const directory = createTemporaryDirectory();
  cleanups.push(directory.remove);
  const target = await createTestDatabaseLocation(directory.path);
  cleanups.push(target.drop);
  const database = await openDatabase(loadSettings({ ...target.settings, poolSize }, {}));
  cleanups.push(() => database.close());
  await runMigrations(database, [platformMigrations]);
  await sql`create table copy_values (label text, amount double precision, count bigint)`.execute(
    database.db,
  );
  return { database, url: target.location };
}

// What only PostgreSQL has: COPY, pools, advisory locks held by a connection, catalog dumps.
describe.runIf(testBackend === "postgres")("integration (PostgreSQL backend)", () => {
  it("describes the server, its version and the pool without the password", async () => {
    const { database } = await openScratch(3);
    const description = await database.describe();
    expect(description.dialect).toBe("postgres");
    expect(description.serverVersion).toMatch(/^\d+\.\d+/);
    expect(description.settings.pool_size).toBe(3);
    expect(description.location).not.toMatch(/:[^:@/]*@.*:[^*]/);
  });

  it("round-trips awkward text, nulls, floats and big counts through COPY", async () => {
    const { database } = await openScratch();
    const rows = [
      ["tab\there, newline\nthere\r\\ back", 0.1 + 0.2, 2 ** 52],
      [null, -1e-300, null],
      ["\\N", Number.MAX_VALUE, 0],
      ["ünïcødé ✓", 1 / 3, 7],
    ];
    expect(await database.bulkInsert("copy_values", ["label", "amount", "count"], rows)).toBe(4);
    const read = await sql<{ label: string | null; amount: number; count: number | null }>`
      select label, amount, count from copy_values`.execute(database.db);
    expect(read.rows.map((row) => [row.label, row.amount, row.count])).toEqual(rows);
  });

  // Arrays are encoded without an await per row, async sources with one; both span several 64 KB chunks.
  it("COPYs every row of an array and of an async source, in order, across many chunks", async () => {
    const { database } = await openScratch();
    const rows = Array.from({ length: 20_000 }, (_, index) => [`row ${index}\twith tab`, index / 4, index]);
    async function* later() {
      for (const row of rows) yield row.map((value) => (typeof value === "number" ? value + 1e6 : value));
    }
    expect(await database.bulkInsert("copy_values", ["label", "amount", "count"], rows)).toBe(20_000);
    expect(await database.bulkInsert("copy_values", ["label", "amount", "count"], later())).toBe(20_000);
    const read = await sql<{ label: string; amount: number; count: number }>`
      select label, amount, count from copy_values order by count`.execute(database.db);
    expect(read.rows).toHaveLength(40_000);
    expect(read.rows[12_345]).toEqual({ label: "row 12345\twith tab", amount: 12_345 / 4, count: 12_345 });
    expect(read.rows[20_000 + 19_999]).toEqual({
      label: "row 19999\twith tab",
      amount: 19_999 / 4 + 1e6,
      count: 19_999 + 1e6,
    });
  });

  it("rolls back COPY and queries of a failed transaction together", async () => {
    const { database } = await openScratch();
    const attempt = database.transaction(async (scope) => {
      await scope.bulkInsert("copy_values", ["label"], [["a"], ["b"]]);
      await sql`insert into copy_values (label) values ('c')`.execute(scope.db);
      throw new Error("boom");
    });
    await expect(attempt).rejects.toThrow("boom");
    const count = await sql<{ n: number }>`select count(*) as n from copy_values`.execute(database.db);
    expect(count.rows[0]?.n).toBe(0);
  });

  it("dumps the live schema from the catalog in a stable order", async () => {
    const { database } = await openScratch();
    const dump = await dumpSchema(database);
    expect(dump).toContain('CREATE TABLE "core_executions"');
    expect(dump).toContain("core_executions_batch_idx");
    expect(dump).toBe(await dumpSchema(database));
  });

  it("frees an advisory lock when its holder process dies", async () => {
    const { database, url } = await openScratch();
    const locks = database.locks;
    if (!locks) throw new Error("PostgreSQL must bring advisory locks");
    const holder = spawn(process.execPath, [
      fileURLToPath(new URL("./support/hold-lock.mjs", import.meta.url)),
      url,
      "otc:crash",
      "doomed-execution",
      "60000",
    ]);
    const exited = new Promise((resolve) => holder.once("exit", resolve));
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    const denied = (await locks
      .acquire("otc:crash", "waiting", 100)
      .catch((caught: unknown) => caught)) as SpineError;
    expect(isSpineError(denied)).toBe(true);
    expect(denied.message).toContain("doomed-execution");
    holder.kill("SIGKILL");
    await exited;
    const granted = await locks.acquire("otc:crash", "after-crash", 5_000);
    await granted.release();
  });

  it("holds more locks at once than the pool has connections without starving queries", async () => {
    const { database } = await openScratch(2);
    const locks = database.locks;
    if (!locks) throw new Error("PostgreSQL must bring advisory locks");
    const held = await Promise.all(
      ["a", "b", "c", "d"].map((key) => locks.acquire(`otc:${key}`, key, 1_000)),
    );
    const count = await sql<{ n: number }>`select count(*) as n from core_locks`.execute(database.db);
    expect(count.rows[0]?.n).toBe(4);
    await Promise.all(held.map((lock) => lock.release()));
  });
});
