import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SpineDatabase } from "../src/index.js";
import { openScratchDatabase, useCleanups } from "./support/scratch-database.js";
import { testBackend } from "./support/test-backend.js";

const cleanups = useCleanups();

async function analyzeCount(database: SpineDatabase, table: string): Promise<number> {
  // The statistics collector reports a little after the fact: wait for it to settle.
  await sql`select pg_stat_clear_snapshot()`.execute(database.db);
  const result = await sql<{ n: string | number | null }>`
    select analyze_count as n from pg_stat_user_tables where relname = ${table}`.execute(database.db);
  return Number(result.rows[0]?.n ?? 0);
}

// Statistics follow what a transaction wrote (pg_stat_xact_user_tables), by autovacuum's rule.
describe.runIf(testBackend === "postgres")("integration (PostgreSQL statistics after a write)", () => {
  it("analyzes a table a transaction loaded, and not one it added a row to", async () => {
    const database = await openScratchDatabase(cleanups);
    await sql`create table loaded (id bigint, label text)`.execute(database.db);
    await sql`create table ledger (id bigint)`.execute(database.db);
    await sql`insert into ledger select generate_series(1, 5000)`.execute(database.db);
    await sql`analyze ledger`.execute(database.db);
    const ledgerBefore = await analyzeCount(database, "ledger");

    await database.transaction(async (scope) => {
      const rows = Array.from({ length: 2_000 }, (_, index) => [index, `row ${index}`]);
      await scope.bulkInsert("loaded", ["id", "label"], rows);
      await sql`insert into ledger values (5001)`.execute(scope.db);
    });

    expect(await analyzeCount(database, "loaded")).toBe(1);
    expect(await analyzeCount(database, "ledger")).toBe(ledgerBefore);
    const estimate = await sql<{ reltuples: number }>`
      select reltuples from pg_class where relname = 'loaded'`.execute(database.db);
    expect(Number(estimate.rows[0]?.reltuples)).toBe(2_000);
  });

  it("analyzes a table a transaction deleted most of its rows from (a rollback of a capture)", async () => {
    const database = await openScratchDatabase(cleanups);
    await sql`create table loaded (id bigint)`.execute(database.db);
    await sql`insert into loaded select generate_series(1, 5000)`.execute(database.db);
    await sql`analyze loaded`.execute(database.db);
    const before = await analyzeCount(database, "loaded");
    await database.transaction(async (scope) => {
      await sql`delete from loaded where id > 100`.execute(scope.db);
    });
    expect(await analyzeCount(database, "loaded")).toBe(before + 1);
    const estimate = await sql<{ reltuples: number }>`
      select reltuples from pg_class where relname = 'loaded'`.execute(database.db);
    expect(Number(estimate.rows[0]?.reltuples)).toBe(100);
  });

  it("analyzes nothing when the transaction rolls back", async () => {
    const database = await openScratchDatabase(cleanups);
    await sql`create table loaded (id bigint)`.execute(database.db);
    await expect(
      database.transaction(async (scope) => {
        await scope.bulkInsert("loaded", ["id"], [[1], [2], [3]]);
        throw new Error("work failed");
      }),
    ).rejects.toThrow("work failed");
    expect(await analyzeCount(database, "loaded")).toBe(0);
  });
});
