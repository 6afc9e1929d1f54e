import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SpineDatabase, SqlScope } from "../src/index.js";
import { openScratchDatabase, useCleanups } from "./support/scratch-database.js";

const cleanups = useCleanups();

const openScratch = (): Promise<SpineDatabase> => openScratchDatabase(cleanups);

// Booleans come back as 1/0 from SQLite and true/false from PostgreSQL: compare them as numbers.
async function truthOf(scope: SqlScope, condition: RawBuilder<unknown>): Promise<number | null> {
  const result = await sql<{ value: number | string | null }>`select case when ${condition} then 1
    when not ${condition} then 0 end as value`.execute(scope.db);
  const value = result.rows[0]?.value;
  return value === null || value === undefined ? null : Number(value);
}

async function createWords(scope: SqlScope, words: readonly (string | null)[]) {
  await sql`create table words (position integer not null, word text)`.execute(scope.db);
  await scope.bulkInsert(
    "words",
    ["position", "word"],
    words.map((word, position) => [position, word]),
  );
}

// On either backend, as the suite runs (SQLite, or PostgreSQL with SPINE_TEST_DATABASE_URL).
describe("integration", () => {
  it("answers the boolean literals and null-safe equality", async () => {
    const database = await openScratch();
    const { sql: capabilities } = database;
    expect(await truthOf(database, capabilities.true)).toBe(1);
    expect(await truthOf(database, capabilities.false)).toBe(0);
    const same = (left: unknown, right: unknown) =>
      truthOf(database, capabilities.isNotDistinctFrom(sql`cast(${left} as text)`, right));
    expect(await same("a", "a")).toBe(1);
    expect(await same("a", "b")).toBe(0);
    expect(await same(null, "a")).toBe(0);
    expect(await same("a", null)).toBe(0);
    expect(await same(null, null)).toBe(1);
  });

  it("orders and picks text in byte order, as JavaScript compares strings", async () => {
    const database = await openScratch();
    const words = ["b", "a", "B", "Z", "_", "é", "aa", "A b", "Ab"];
    await createWords(database, [...words, null]);
    const byteOrder = database.sql.byteOrder(sql`word`);
    const ordered = await sql<{ word: string }>`select word from words where word is not null
      order by ${byteOrder}`.execute(database.db);
    expect(ordered.rows.map((row) => row.word)).toEqual([...words].sort());
    const smallest = await sql<{ word: string }>`select min(${byteOrder}) as word from words`.execute(
      database.db,
    );
    expect(smallest.rows[0]?.word).toBe("A b");
  });

  it("accepts only digits-only whole numbers of at most 15 digits", async () => {
    const database = await openScratch();
    const accepted = ["0", "7", "42", "999999999999999", "123456789012345"];
    const refused = ["", "-1", "+1", " 1", "1 ", "1.0", "1e3", "0x1", "abc", "1234567890123456"];
    for (const text of accepted)
      expect(await truthOf(database, database.sql.isWholeNumber(sql`cast(${text} as text)`))).toBe(1);
    for (const text of refused)
      expect(await truthOf(database, database.sql.isWholeNumber(sql`cast(${text} as text)`))).toBe(0);
    expect(await truthOf(database, database.sql.isWholeNumber(sql`cast(${null} as text)`))).toBeNull();
  });

  it("inserts the first row of each key by the given order, in one statement", async () => {
    const database = await openScratch();
    await sql`create table source_rows (symbol text, mpid text, line integer, amount bigint)`.execute(
      database.db,
    );
    await sql`create table kept_rows (symbol text not null, mpid text not null, line integer, amount bigint,
      primary key (symbol, mpid))`.execute(database.db);
    const rows = [
      ["AA", "X", 3, 30],
      ["AA", "X", 1, 10],
      ["AA", "Y", 2, 20],
      ["BB", "X", 5, 50],
      ["BB", "X", 4, 40],
      ["CC", "Z", 6, 0],
    ];
    await database.bulkInsert("source_rows", ["symbol", "mpid", "line", "amount"], rows);
    const insert = database.sql.insertIgnoringDuplicates({
      into: "kept_rows",
      columns: ["symbol", "mpid", "line", "amount"],
      key: ["symbol", "mpid"],
      select: sql`symbol, mpid, line, amount * 2`,
      from: sql`source_rows where amount > ${0}`,
      keepFirstBy: sql`line`,
    });
    const result = await database.transaction((scope) => insert.execute(scope.db));
    expect(Number(result.numAffectedRows)).toBe(3);
    const kept = await sql<{ symbol: string; mpid: string; line: number; amount: number | string }>`
      select symbol, mpid, line, amount from kept_rows order by symbol, mpid`.execute(database.db);
    expect(kept.rows.map((row) => [row.symbol, row.mpid, Number(row.line), Number(row.amount)])).toEqual([
      ["AA", "X", 1, 20],
      ["AA", "Y", 2, 40],
      ["BB", "X", 4, 80],
    ]);
  });

  it("sums per key and picks the smallest non-NULL name in byte order", async () => {
    const database = await openScratch();
    await sql`create table trades (venue text not null, name text, volume bigint not null)`.execute(
      database.db,
    );
    const rows = [
      ["V1", "beta", 10],
      ["V1", null, 5],
      ["V1", "Alpha", 0],
      ["V2", null, 7],
      ["V3", "b", 1],
      ["V3", "a", 2],
      ["V9", "ignored", 100],
    ];
    await database.bulkInsert("trades", ["venue", "name", "volume"], rows);
    const totals = await database.transaction(async (scope) => {
      const grouped = scope.sql.groupedSums({
        scratchTable: "trades_scratch",
        from: sql`trades`,
        where: sql`venue <> ${"V9"}`,
        key: { name: "venue", expression: sql`venue` },
        smallest: [{ name: "first_name", expression: sql`name` }],
        sums: [
          { name: "total", expression: sql`volume` },
          { name: "active", expression: sql`case when volume > 0 then 1 else 0 end` },
        ],
      });
      for (const statement of grouped.prepare) await statement.execute(scope.db);
      const result = await sql<{ venue: string; first_name: string | null; total: unknown; active: unknown }>`
        select * from (${grouped.rows}) grouped order by venue`.execute(scope.db);
      for (const statement of grouped.cleanUp) await statement.execute(scope.db);
      return result.rows;
    });
    expect(totals.map((row) => [row.venue, row.first_name, Number(row.total), Number(row.active)])).toEqual([
      ["V1", "Alpha", 15, 2],
      ["V2", null, 7, 1],
      ["V3", "a", 3, 2],
    ]);
  });

  it("picks each group's first value by an order, ties broken in byte order", async () => {
    const database = await openScratch();
    await sql`create table volumes (symbol text not null, venue text, volume bigint not null)`.execute(
      database.db,
    );
    const rows = [
      ["S1", "b", 5],
      ["S1", "a", 9],
      ["S1", "Z", 9],
      ["S2", "x", 0],
      ["S3", null, 4],
      ["S3", "c", 3],
    ];
    await database.bulkInsert("volumes", ["symbol", "venue", "volume"], rows);
    const venue = database.sql.byteOrder(sql`venue`);
    const first = await sql<{ symbol: string; venue: string | null }>`select symbol,
      ${database.sql.firstBy(sql`venue`, sql`volume desc, ${venue}`)} as venue
      from volumes group by symbol order by symbol`.execute(database.db);
    // "Z" (0x5A) comes before "a" (0x61) in byte order, though a locale would put "a" first.
    expect(first.rows.map((row) => [row.symbol, row.venue])).toEqual([
      ["S1", "Z"],
      ["S2", "x"],
      ["S3", null],
    ]);
  });

  it("builds tables and views with the schema capabilities", async () => {
    const database = await openScratch();
    const { sql: capabilities } = database;
    const table = database.db.schema
      .createTable("keyed_values")
      .$call((builder) => capabilities.addIdentityColumn(builder, "id"))
      .addColumn("label", "text", (column) => column.notNull());
    await table.execute();
    await capabilities
      .withoutRowid(
        database.db.schema
          .createTable("ordered_values")
          .addColumn("label", "text", (column) => column.primaryKey()),
      )
      .execute();
    await sql`insert into keyed_values (label) values ('a'), ('b')`.execute(database.db);
    const ids = await sql<{ id: number | string }>`select id from keyed_values order by id`.execute(
      database.db,
    );
    expect(ids.rows.map((row) => Number(row.id))).toEqual([1, 2]);
    await sql`create view keyed_values_all as select * from keyed_values`.execute(database.db);
    await sql`alter table keyed_values add column note text`.execute(database.db);
    const view = await sql<Record<string, unknown>>`select * from keyed_values_all`.execute(database.db);
    expect(Object.keys(view.rows[0] ?? {}).includes("note")).toBe(!capabilities.viewsFreezeColumns);
  });
});
