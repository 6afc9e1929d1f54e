import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { insertKeepingFirst } from "../src/database/insert-keeping-first.js";
import type { SpineDatabase } from "../src/index.js";
import type { Cleanups } from "./support/scratch-database.js";
import { openScratchDatabase } from "./support/scratch-database.js";

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function createTables(database: SpineDatabase, rows: ReadonlyArray<readonly unknown[]>) {
  await sql`create table source_rows (symbol text, mpid text, line integer)`.execute(database.db);
  await sql`create table kept_rows (symbol text not null, mpid text not null, line integer,
    primary key (symbol, mpid))`.execute(database.db);
  await sql`create table earlier_writes (note text)`.execute(database.db);
  await database.bulkInsert("source_rows", ["symbol", "mpid", "line"], rows);
}

const spec = {
  into: "kept_rows",
  columns: ["symbol", "mpid", "line"],
  key: ["symbol", "mpid"],
  select: sql`symbol, mpid, line`,
  from: sql`source_rows`,
  keepFirstBy: sql`line`,
};

async function keptRows(database: SpineDatabase) {
  const kept = await sql<{ symbol: string; mpid: string; line: number }>`select symbol, mpid, line
    from kept_rows order by symbol, mpid`.execute(database.db);
  return kept.rows.map((row) => [row.symbol, row.mpid, Number(row.line)]);
}

// On either backend, as the suite runs (SQLite, or PostgreSQL with SPINE_TEST_DATABASE_URL).
describe("integration", () => {
  it("inserts every row when no key repeats", async () => {
    const database = await openScratchDatabase(cleanups);
    await createTables(database, [
      ["BB", "X", 1],
      ["AA", "Y", 2],
      ["AA", "X", 3],
    ]);
    const inserted = await database.transaction((scope) => insertKeepingFirst(scope, spec));
    expect(inserted).toBe(3);
    expect(await keptRows(database)).toEqual([
      ["AA", "X", 3],
      ["AA", "Y", 2],
      ["BB", "X", 1],
    ]);
  });

  it("keeps a repeated key's first row, and the transaction's earlier writes, when a key repeats", async () => {
    const database = await openScratchDatabase(cleanups);
    await createTables(database, [
      ["AA", "X", 3],
      ["AA", "Y", 2],
      ["AA", "X", 1],
      ["BB", "X", 4],
    ]);
    const inserted = await database.transaction(async (scope) => {
      await sql`insert into earlier_writes (note) values ('before')`.execute(scope.db);
      const count = await insertKeepingFirst(scope, spec);
      // A failed statement would have aborted the transaction on PostgreSQL: this would then fail.
      await sql`insert into earlier_writes (note) values ('after')`.execute(scope.db);
      return count;
    });
    expect(inserted).toBe(3);
    expect(await keptRows(database)).toEqual([
      ["AA", "X", 1],
      ["AA", "Y", 2],
      ["BB", "X", 4],
    ]);
    const notes = await sql<{ note: string }>`select note from earlier_writes order by note`.execute(
      database.db,
    );
    expect(notes.rows.map((row) => row.note)).toEqual(["after", "before"]);
  });

  it("keeps the first rows outside a transaction too", async () => {
    const database = await openScratchDatabase(cleanups);
    await createTables(database, [
      ["AA", "X", 2],
      ["AA", "X", 1],
    ]);
    expect(await insertKeepingFirst(database, spec)).toBe(1);
    expect(await keptRows(database)).toEqual([["AA", "X", 1]]);
  });

  it("tells a repeated key from other failures", async () => {
    const database = await openScratchDatabase(cleanups);
    await createTables(database, [["AA", "X", 1]]);
    await insertKeepingFirst(database, spec);
    const again = sql`insert into kept_rows (symbol, mpid, line) values ('AA', 'X', 2)`.execute(database.db);
    const repeated = await again.then(
      () => null,
      (error: unknown) => error,
    );
    expect(database.sql.isUniqueViolation(repeated)).toBe(true);
    const missing = await sql`insert into no_such_table (x) values (1)`.execute(database.db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(missing).not.toBeNull();
    expect(database.sql.isUniqueViolation(missing)).toBe(false);
  });
});
