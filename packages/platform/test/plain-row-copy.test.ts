import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { PlainRowCopySpec, QualityCheckInput, SpineDatabase } from "../src/index.js";
import {
  captureTotals,
  copyThenJudge,
  createValueProfile,
  insertValueProfile,
  metadataGroupsOf,
  recordSampledAgreement,
  sourceLinesOf,
} from "../src/index.js";
import { openScratchDatabase, useCleanups } from "./support/scratch-database.js";

const cleanups = useCleanups();

const openScratch = () => openScratchDatabase(cleanups);

const spec: PlainRowCopySpec<"kind"> = {
  sourceTable: "raw_items",
  profileTable: "raw_item_profile",
  metadataColumns: ["kind"],
  keyColumns: ["item"],
  plain: {
    nullColumns: ["broken"],
    nonEmptyColumns: ["item"],
    wholeNumberColumns: ["amount_text"],
    maximumDigits: 6,
  },
  target: {
    table: "items",
    columns: ["capture_id", "item", "amount", "line_number"],
    from: ["item", "amount_text", "line_number"],
  },
  judgedColumns: ["line_number", "kind", "item", "amount_text", "broken"],
  lines: { table: "raw_items", column: "line" },
};

// line, kind, item, amount, broken: "B" repeats (judged: its first valid line wins), "x1" is not a
// whole number and "summary" is a kind the domain refuses (both judged).
const rawRows: Array<[number, string | null, string | null, string | null, string | null]> = [
  [1, "detail", "A", "10", null],
  [2, "detail", "B", "x1", null],
  [3, "detail", "B", "7", null],
  [4, "summary", "C", "5", null],
  [5, null, null, null, "2 fields"],
  [6, "detail", "D", "3", null],
];

async function loadRaw(database: SpineDatabase) {
  await sql`create table raw_items (capture_id text not null, line_number integer not null, kind text,
    item text, amount_text text, broken text, line text, primary key (capture_id, line_number))`.execute(
    database.db,
  );
  await sql`create table raw_item_profile (capture_id text not null, position integer not null, kind text,
    row_count integer not null, clean_row_count integer not null)`.execute(database.db);
  await sql`create table items (capture_id text not null, item text not null, amount bigint not null,
    line_number integer not null, primary key (capture_id, item))`.execute(database.db);
  const rows = rawRows.map((row) => ["raw:1", ...row, `line ${row[0]}`]);
  await database.bulkInsert(
    "raw_items",
    ["capture_id", "line_number", "kind", "item", "amount_text", "broken", "line"],
    rows,
  );
}

type Judged = {
  line_number: number | string;
  kind: string | null;
  item: string | null;
  amount_text: string | null;
};

async function normalize(database: SpineDatabase) {
  const groups = await metadataGroupsOf(database, spec, { captureId: "raw:1", rowCount: rawRows.length });
  const judgedLines: number[] = [];
  const seen = new Set<string>();
  const result = await copyThenJudge<Judged, "kind">(database, spec, {
    captureId: "items:1",
    inputCaptureId: "raw:1",
    groups,
    acceptsMetadata: (group) => group.kind === "detail",
    startJudging: () => async (page) => {
      for (const row of page) {
        judgedLines.push(Number(row.line_number));
        const valid =
          row.kind === "detail" && /^\d+$/.test(row.amount_text ?? "") && !seen.has(row.item ?? "");
        if (!valid) continue;
        seen.add(row.item ?? "");
        await database.bulkInsert("items", spec.target.columns, [
          ["items:1", row.item, Number(row.amount_text), row.line_number],
        ]);
      }
    },
  });
  const stored = await sql<{
    item: string;
    amount: number | string;
  }>`select item, amount from items order by item`.execute(database.db);
  return { groups, result, judgedLines, stored: stored.rows.map((row) => [row.item, Number(row.amount)]) };
}

// On either backend, as the suite runs (SQLite, or PostgreSQL with SPINE_TEST_DATABASE_URL).
describe("integration", () => {
  it("copies plain rows set-based and hands the judge every other row and every row of a repeated key", async () => {
    const database = await openScratch();
    await loadRaw(database);
    const { groups, result, judgedLines, stored } = await normalize(database);
    // The first row's combination first; the others in the order the backend groups them.
    expect(groups[0]).toEqual({ kind: "detail", rows: 4 });
    expect(groups).toHaveLength(3);
    expect(groups).toEqual(
      expect.arrayContaining([
        { kind: "summary", rows: 1 },
        { kind: null, rows: 1 },
      ]),
    );
    expect(result).toEqual({ copied: 2, rawRows: 6 });
    expect(judgedLines).toEqual([2, 3, 4, 5]);
    expect(stored).toEqual([
      ["A", 10],
      ["B", 7],
      ["D", 3],
    ]);
    expect(await captureTotals(database, "items", "items:1", { sum: ["amount"] })).toEqual({
      rows: 3,
      amount: 20,
      nulls: {},
    });
    expect(await captureTotals(database, "raw_items", "raw:1", { countNull: ["kind", "broken"] })).toEqual({
      rows: 6,
      nulls: { kind: 1, broken: 5 },
    });
    expect(await captureTotals(database, "items", "none", { sum: ["amount"] })).toEqual({
      rows: 0,
      amount: 0,
      nulls: {},
    });
    expect(await sourceLinesOf(database, spec, "raw:1", [4, 5])).toEqual(
      new Map([
        [4, "line 4"],
        [5, "line 5"],
      ]),
    );
  });

  it("reads the groups from ingest's profile when it adds up, and copies every row when all are clean", async () => {
    const database = await openScratch();
    await loadRaw(database);
    await sql`delete from raw_items where line_number in (2, 4, 5)`.execute(database.db);
    const profile = createValueProfile(["kind"]);
    profile.addRows(["detail"], 3, 3);
    await insertValueProfile(database, "raw_item_profile", "raw:1", profile);
    const groups = await metadataGroupsOf(database, spec, { captureId: "raw:1", rowCount: 3 });
    expect(groups).toEqual([{ kind: "detail", rows: 3, cleanRows: 3 }]);
    const result = await copyThenJudge(database, spec, {
      captureId: "items:1",
      inputCaptureId: "raw:1",
      groups,
      acceptsMetadata: () => true,
      startJudging: () => {
        throw new Error("nothing to judge");
      },
    });
    expect(result).toEqual({ copied: 3, rawRows: 3 });
  });

  it("records whether sampled stored rows agree with their raw rows, naming the lines that do not", async () => {
    const database = await openScratch();
    await loadRaw(database);
    await normalize(database);
    await sql`update items set amount = 11 where item = 'A'`.execute(database.db);
    const recorded: QualityCheckInput[] = [];
    const check = (every: number) =>
      recordSampledAgreement(
        { scope: database, quality: { record: async (input) => void recorded.push(input) } },
        {
          checkName: "items.match_source",
          stored: { table: "items", captureId: "items:1", columns: ["amount"] },
          source: { table: "raw_items", captureId: "raw:1", columns: ["amount_text"] },
          every,
          disagrees: ({ stored, source }) => Number(source.amount_text) !== Number(stored.amount),
          noun: "items",
        },
      );
    await check(3);
    await check(1);
    expect(recorded.map(({ status, message }) => [status, message])).toEqual([
      ["pass", "2 sampled items (every 3th line) read back as their raw text parses"],
      ["fail", "stored items differ from their raw text at lines 1"],
    ]);
  });
});
