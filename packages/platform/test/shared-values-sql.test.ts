import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SpineDatabase } from "../src/index.js";
import { joinSharedValues, sharedValueOf } from "../src/index.js";
import { openScratchDatabase, useCleanups } from "./support/scratch-database.js";

const cleanups = useCleanups();

const issueNames = { table: "issue_names", keyColumn: "symbol", valueColumn: "issue_name" };

// Two raw captures with their derived captures, names kept once by each raw capture, and the
// per-symbol rows a derived statement reads (NULL where the name was kept once).
async function createNames(database: SpineDatabase) {
  const statements = [
    sql`create table core_captures (capture_id text primary key, input_capture_id text)`,
    sql`create table issue_names (capture_id text not null, symbol text not null, issue_name text not null,
      primary key (capture_id, symbol))`,
    sql`create table totals (symbol text not null, issue_name text)`,
  ];
  for (const statement of statements) await statement.execute(database.db);
  await database.bulkInsert(
    "core_captures",
    ["capture_id", "input_capture_id"],
    [
      ["raw:1", null],
      ["normalize:1", "raw:1"],
      ["raw:2", null],
      ["normalize:2", "raw:2"],
    ],
  );
  await database.bulkInsert(
    "issue_names",
    ["capture_id", "symbol", "issue_name"],
    [
      ["raw:1", "AAA", "Alpha Corp."],
      ["raw:1", "BBB", "Beta Inc."],
      ["raw:2", "AAA", "Alpha Corporation"],
      ["raw:2", "CCC", "Gamma Ltd."],
    ],
  );
  await database.bulkInsert(
    "totals",
    ["symbol", "issue_name"],
    [
      ["AAA", null],
      ["BBB", null],
      ["CCC", "Gamma (own name)"],
      ["DDD", "Delta Co."],
      ["EEE", null],
    ],
  );
}

// On either backend, as the suite runs (SQLite, or PostgreSQL with SPINE_TEST_DATABASE_URL).
describe("integration", () => {
  it("joins the values kept once by the capture's raw capture as the per-key subquery reads them", async () => {
    const database = await openScratchDatabase(cleanups);
    await createNames(database);
    const names = async (captureId: string) => {
      const shared = joinSharedValues(issueNames, captureId, "Shared", sql`totals.symbol`);
      const joined = await sql<{ symbol: string; name: string | null }>`select totals.symbol,
        coalesce(${shared.value}, totals.issue_name) as name
        from totals ${shared.join} order by totals.symbol`.execute(database.db);
      const lookedUp = await sql<{ symbol: string; name: string | null }>`select symbol,
        coalesce(${sharedValueOf(issueNames, captureId, sql`totals.symbol`)}, totals.issue_name) as name
        from totals order by symbol`.execute(database.db);
      expect(joined.rows).toEqual(lookedUp.rows);
      return joined.rows.map((row) => [row.symbol, row.name]);
    };
    // Only the input raw capture's names count; a key without one keeps the row's own value.
    expect(await names("normalize:1")).toEqual([
      ["AAA", "Alpha Corp."],
      ["BBB", "Beta Inc."],
      ["CCC", "Gamma (own name)"],
      ["DDD", "Delta Co."],
      ["EEE", null],
    ]);
    expect(await names("normalize:2")).toEqual([
      ["AAA", "Alpha Corporation"],
      ["BBB", null],
      ["CCC", "Gamma Ltd."],
      ["DDD", "Delta Co."],
      ["EEE", null],
    ]);
  });
});
