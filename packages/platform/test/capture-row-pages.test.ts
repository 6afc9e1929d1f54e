import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { captureRowValues } from "../src/retention/capture-row-pages.js";
import { openScratchDatabase, useCleanups } from "./support/scratch-database.js";

const cleanups = useCleanups();

async function collect(generator: AsyncGenerator<readonly unknown[]>) {
  const rows: (readonly unknown[])[] = [];
  for await (const row of generator) rows.push(row);
  return rows;
}

describe("integration (a capture's rows read page by page for its archive)", () => {
  it("reads every row of a capture once, in key order, across pages, with or without key columns", async () => {
    const database = await openScratchDatabase(cleanups);
    await sql`create table lines (capture_id text not null, part integer not null, line_number integer not null,
      label text, primary key (capture_id, part, line_number))`.execute(database.db);
    // 12,001 rows over several pages (5,000 a page), inserted out of order, beside another capture's.
    const rows = Array.from({ length: 12_001 }, (_, index) => ["a", index % 3, 12_001 - index, `L${index}`]);
    await database.transaction(async (scope) => {
      await scope.bulkInsert("lines", ["capture_id", "part", "line_number", "label"], rows);
      await scope.bulkInsert("lines", ["capture_id", "part", "line_number", "label"], [["b", 0, 1, "other"]]);
    });
    const expected = rows
      .map(([, part, line, label]) => [Number(part), Number(line), label])
      .sort((x, y) => Number(x[0]) - Number(y[0]) || Number(x[1]) - Number(y[1]));
    const target = { table: "lines", captureId: "a" };
    const columns = ["part", "line_number", "label"];
    const byKey = await collect(captureRowValues(database, target, columns, ["part", "line_number"]));
    expect(byKey.map((row) => row.map((value, index) => (index < 2 ? Number(value) : value)))).toEqual(
      expected,
    );
    const byOffset = await collect(captureRowValues(database, target, columns, undefined));
    expect(byOffset).toEqual(byKey);
  });
});
