import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../src/database/open-sqlite-database.js";
import type { SpineDatabase } from "../src/database/spine-database.js";

let database: SpineDatabase | undefined;
let directory: string | undefined;

afterEach(async () => {
  await database?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
  database = undefined;
  directory = undefined;
});

async function openWithTable(): Promise<SpineDatabase> {
  directory = mkdtempSync(join(tmpdir(), "spine-bulk-"));
  database = openSqliteDatabase({ path: join(directory, "bulk.db"), busyTimeoutMs: 1000 });
  await sql`create table bulk_values (label text, amount integer, flag integer)`.execute(database.db);
  return database;
}

async function* asyncRows(count: number) {
  for (let index = 0; index < count; index += 1) yield [`a${index}`, index, index % 2 === 0] as const;
}

describe("integration", () => {
  it("inserts every row of sync and async sources across statement chunks, booleans and undefined mapped", async () => {
    const db = await openWithTable();
    const syncRows = Array.from({ length: 450 }, (_, index) => [`s${index}`, index, undefined] as const);
    expect(await db.bulkInsert("bulk_values", ["label", "amount", "flag"], syncRows)).toBe(450);
    expect(await db.bulkInsert("bulk_values", ["label", "amount", "flag"], asyncRows(201))).toBe(201);
    const totals = await sql<{ rows: number; amounts: number; flags: number; nulls: number }>`
      select count(*) as rows, sum(amount) as amounts, sum(flag) as flags, sum(flag is null) as nulls from bulk_values`.execute(
      db.db,
    );
    expect(totals.rows[0]).toEqual({
      rows: 651,
      amounts: (449 * 450) / 2 + (200 * 201) / 2,
      flags: 101,
      nulls: 450,
    });
  });

  it("refuses a row whose width differs from the columns and writes nothing in the transaction", async () => {
    const db = await openWithTable();
    await expect(
      db.transaction((scope) =>
        scope.bulkInsert(
          "bulk_values",
          ["label", "amount", "flag"],
          [
            ["ok", 1, 0],
            ["short", 2],
          ],
        ),
      ),
    ).rejects.toThrow("bulkInsert into bulk_values: a row has 2 values for 3 columns");
    const count = await sql<{ rows: number }>`select count(*) as rows from bulk_values`.execute(db.db);
    expect(count.rows[0]?.rows).toBe(0);
  });
});
