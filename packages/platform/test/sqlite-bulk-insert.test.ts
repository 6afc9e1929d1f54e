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

  it("quotes table and column names, double quotes doubled, so any name is one identifier", async () => {
    const db = await openWithTable();
    const table = 'odd "table"; drop table bulk_values; --';
    const columns = ['the "label"', "order", "a,b"];
    await sql`create table ${sql.table(table)} (${sql.join(columns.map((column) => sql.id(column)))}, a text, b text)`.execute(
      db.db,
    );
    expect(await db.bulkInsert(table, columns, [["x", 1, "joined"]])).toBe(1);
    // Same names once joined with commas: the cached statement must not be reused.
    expect(await db.bulkInsert(table, ["a", "b"], [["first", "second"]])).toBe(1);
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by rowid`.execute(
      db.db,
    );
    expect(rows.rows).toEqual([
      { 'the "label"': "x", order: 1, "a,b": "joined", a: null, b: null },
      { 'the "label"': null, order: null, "a,b": null, a: "first", b: "second" },
    ]);
    const untouched = await sql<{ rows: number }>`select count(*) as rows from bulk_values`.execute(db.db);
    expect(untouched.rows[0]?.rows).toBe(0);
  });

  it("binds a value every row of a chunk shares once, and still stores each row's own values", async () => {
    const db = await openWithTable();
    const columns = ["label", "amount", "flag"];
    // Chunks of 200: the first shares a label and a null flag, the second shares nothing but the
    // label until its last row, the third is one row.
    const rows = Array.from({ length: 401 }, (_, index) => [
      index === 399 ? "other" : "same",
      index < 200 ? 7 : index,
      index < 200 ? null : index % 2 === 0,
    ]);
    expect(await db.bulkInsert("bulk_values", columns, rows)).toBe(401);
    const stored = await sql<{ label: string; amount: number; flag: number | null }>`
      select label, amount, flag from bulk_values order by rowid`.execute(db.db);
    expect(stored.rows).toEqual(
      rows.map(([label, amount, flag]) => ({
        label,
        amount,
        flag: flag === null ? null : flag ? 1 : 0,
      })),
    );
  });

  it("writes the same rows when every chunk shares other columns (past the cached shapes)", async () => {
    const db = await openWithTable();
    const columns = ["label", "amount", "flag"];
    const expected: Array<{ label: string; amount: number | null; flag: number | null }> = [];
    // Sixty chunks of two rows, each column shared, null or the row's own: 18 mixes, more than
    // the 16 statements kept per shape.
    const pick = <T>(choice: number, shared: T, own: T, otherwise: T | null) =>
      choice === 0 ? shared : choice === 1 ? own : otherwise;
    for (let chunk = 0; chunk < 60; chunk += 1) {
      const pair = [0, 1].map((row) => ({
        label: chunk % 2 === 0 ? `c${chunk}` : `c${chunk}-${row}`,
        amount: pick(chunk % 3, chunk, chunk * 10 + row, null),
        flag: pick(Math.floor(chunk / 6) % 3, 1, row, null),
      }));
      expected.push(...pair);
      const written = await db.bulkInsert(
        "bulk_values",
        columns,
        pair.map((row) => [row.label, row.amount, row.flag]),
      );
      expect(written).toBe(2);
    }
    const stored = await sql`select label, amount, flag from bulk_values order by rowid`.execute(db.db);
    expect(stored.rows).toEqual(expected);
  });
});
