import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SpineDatabase } from "../src/index.js";
import { captureTotals } from "../src/index.js";
import { openScratchDatabase, useCleanups } from "./support/scratch-database.js";

const cleanups = useCleanups();

// A decimal-holding column made the way a domain migration makes one: bigint, then holdDecimals.
async function createHoldings(database: SpineDatabase, amounts: ReadonlyArray<[string, number]>) {
  await sql`create table holdings (capture_id text not null, venue text not null, amount bigint not null)`.execute(
    database.db,
  );
  for (const statement of database.sql.holdDecimals("holdings", "amount"))
    await statement.execute(database.db);
  await database.bulkInsert(
    "holdings",
    ["capture_id", "venue", "amount"],
    amounts.map(([venue, amount]) => ["c:1", venue, amount]),
  );
}

const fractions: ReadonlyArray<[string, number]> = [
  ["V1", 0.1],
  ["V1", 0.2],
  ["V2", 1234.5],
  ["V2", 999_999_999.000001],
  ["V3", 7],
];

// On either backend, as the suite runs (SQLite, or PostgreSQL with SPINE_TEST_DATABASE_URL).
describe("integration", () => {
  it("keeps fractional amounts as given and sums them as decimals, not doubles", async () => {
    const database = await openScratchDatabase(cleanups);
    await createHoldings(database, fractions);
    const stored = await sql<{ amount: unknown }>`select amount from holdings order by amount`.execute(
      database.db,
    );
    expect(stored.rows.map((row) => Number(row.amount))).toEqual([0.1, 0.2, 7, 1234.5, 999_999_999.000001]);
    const sums = await sql<{
      venue: string;
      total: unknown;
    }>`select venue, ${database.sql.exactSum(sql`amount`)} as total
      from holdings group by venue order by venue`.execute(database.db);
    // A double sum gives 0.30000000000000004 and 1000001233.5000011.
    expect(sums.rows.map((row) => [row.venue, Number(row.total)])).toEqual([
      ["V1", 0.3],
      ["V2", 1_000_001_233.500001],
      ["V3", 7],
    ]);
    const totals = await captureTotals(database, "holdings", "c:1", { sum: ["amount"] });
    expect(totals.amount).toBe(1_000_001_240.800001);
  });

  it("sums whole numbers to the same integers as sum(), and no rows to NULL", async () => {
    const database = await openScratchDatabase(cleanups);
    await createHoldings(database, [
      ["V1", 999_999_999_999],
      ["V1", 999_999_999_999],
      ["V2", 3],
    ]);
    const total = await sql<{
      total: unknown;
      none: unknown;
    }>`select ${database.sql.exactSum(sql`amount`)} as total,
      (select ${database.sql.exactSum(sql`amount`)} from holdings where venue = 'none') as none from holdings`.execute(
      database.db,
    );
    expect(Number(total.rows[0]?.total)).toBe(2_000_000_000_001);
    expect(total.rows[0]?.none).toBeNull();
  });

  it("groups decimal sums exactly", async () => {
    const database = await openScratchDatabase(cleanups);
    await createHoldings(database, fractions);
    const totals = await database.transaction(async (scope) => {
      const grouped = scope.sql.groupedSums({
        scratchTable: "holdings_scratch",
        from: sql`holdings`,
        where: sql`capture_id = ${"c:1"}`,
        key: { name: "venue", expression: sql`venue` },
        smallest: [],
        sums: [
          { name: "total", expression: sql`amount`, decimal: true },
          { name: "rows_summed", expression: sql`1` },
        ],
      });
      for (const statement of grouped.prepare) await statement.execute(scope.db);
      const result = await sql<{ venue: string; total: unknown; rows_summed: unknown }>`
        select * from (${grouped.rows}) grouped order by venue`.execute(scope.db);
      for (const statement of grouped.cleanUp) await statement.execute(scope.db);
      return result.rows;
    });
    expect(totals.map((row) => [row.venue, Number(row.total), Number(row.rows_summed)])).toEqual([
      ["V1", 0.3, 2],
      ["V2", 1_000_001_233.500001, 2],
      ["V3", 7, 1],
    ]);
  });
});
