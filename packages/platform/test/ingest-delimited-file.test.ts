import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createEncodedRows } from "../src/database/encoded-rows.js";
import type { EncodedRows } from "../src/index.js";
import { createRowSampler, ingestDelimitedFile, isEncodedRows } from "../src/index.js";
import {
  heldCount,
  ingestHeader,
  ingestMapping,
  useIngestScratch,
  writePaddedSymbols,
} from "./support/ingest-test-file.js";

const openScratch = useIngestScratch();
const header = ingestHeader;
const mapping = ingestMapping;

const hashOf = (key: string) => createHash("sha256").update(key).digest("hex").slice(0, 32);

describe("integration", () => {
  it("loads a file in batches with hashed record keys, every line accounted for, reporting progress", async () => {
    const { database, directory } = await openScratch();
    const path = join(directory, "week.csv");
    const rows = Array.from({ length: 30_000 }, (_, index) => `S${index},${index}`);
    writeFileSync(path, ["Symbol,Volume", ...rows, "bad", ""].join("\r\n"));
    const progress: number[] = [];
    const result = await database.transaction((scope) =>
      ingestDelimitedFile(scope, {
        path,
        header,
        mapping,
        onProgress: (read) => progress.push(read),
        progressEvery: 10_000,
      }),
    );
    expect(result.counts).toEqual({
      linesRead: 30_002,
      blankLines: 0,
      rowsRead: 30_001,
      accepted: 30_000,
      malformed: 1,
    });
    expect(result.written).toBe(30_001);
    expect(result.rejectedLines).toEqual([
      { lineNumber: 30_002, reason: "MALFORMED_ROW", detail: "line 30002 has 1 fields; the header has 2" },
    ]);
    expect(progress.length).toBeGreaterThan(0);
    const stored = await sql<{ line_number: number; symbol: string | null; record_hash: string }>`
      select line_number, symbol, record_hash from ingested where line_number in (2, 30001, 30002) order by line_number`.execute(
      database.db,
    );
    expect(stored.rows.map((row) => [Number(row.line_number), row.symbol, row.record_hash])).toEqual([
      [2, "S0", hashOf("S0")],
      [30_001, "S29999", hashOf("S29999")],
      [30_002, null, hashOf("bad")],
    ]);
  });

  it("stores the last column as given when the mapping does not ask for record hashes", async () => {
    const { database, directory } = await openScratch();
    const path = join(directory, "week.csv");
    writeFileSync(
      path,
      ["Symbol,Volume", ...Array.from({ length: 3_000 }, (_, index) => `S${index},${index}`)].join("\n"),
    );
    const unhashed = { ...mapping, hashRecordKeys: false };
    await database.transaction((scope) => ingestDelimitedFile(scope, { path, header, mapping: unhashed }));
    const stored = await sql<{ record_hash: string }>`
      select record_hash from ingested where line_number in (2, 3001) order by line_number`.execute(
      database.db,
    );
    expect(stored.rows.map((row) => row.record_hash)).toEqual(["S0", "S2999"]);
  });

  it("samples a target's rows as it writes them, as a read-back would", async () => {
    const { database, directory } = await openScratch();
    const path = join(directory, "week.csv");
    writeFileSync(
      path,
      ["Symbol,Volume", ...Array.from({ length: 20_000 }, (_, index) => `S${index},${index}`)].join("\n"),
    );
    const sample = { table: "ingested", columns: ["symbol", "volume"] };
    const result = await database.transaction((scope) =>
      ingestDelimitedFile(scope, { path, header, mapping, sample }),
    );
    const readBack = createRowSampler();
    const stored = await sql<{
      symbol: string;
      volume: string;
    }>`select symbol, volume from ingested order by line_number desc`.execute(database.db);
    for (const row of stored.rows) readBack.add(`${row.symbol}\u0000${row.volume}`);
    const expected = readBack.finish();
    expect(result.sample?.rowCount).toBe(20_000);
    expect(result.sample?.level).toBe(expected.level);
    expect([...(result.sample?.hashes ?? [])].sort()).toEqual([...expected.hashes].sort());
    await expect(
      database.transaction((scope) =>
        ingestDelimitedFile(scope, {
          path,
          header,
          mapping,
          sample: { table: "ingested", columns: ["nope"] },
        }),
      ),
    ).rejects.toThrow("cannot sample ingested (nope)");
  });

  it("gathers rows into bulk inserts of the backend's worthwhile size, and one call per read otherwise", async () => {
    const { database, directory } = await openScratch();
    const path = writePaddedSymbols(directory);
    const callsWith = async (bulkInsertRows: number) => {
      const calls: number[] = [];
      const written = await database.transaction((scope) =>
        ingestDelimitedFile(
          {
            ...scope,
            // Gathering alone: whether inserts wait on a server (reading ahead) is the scope's own.
            sql: { ...scope.sql, bulkInsertRows },
            bulkInsert: (table, columns, rows) => {
              if (heldCount(rows) > 0) calls.push(heldCount(rows));
              return scope.bulkInsert(table, columns, rows);
            },
          },
          { path, header, mapping },
        ),
      );
      expect(written.written).toBe(30_000);
      return calls;
    };
    const gathered = await callsWith(8_000);
    expect(gathered.reduce((sum, rows) => sum + rows, 0)).toBe(30_000);
    expect(gathered.slice(0, -1).every((rows) => rows >= 8_000)).toBe(true);
    expect(gathered.length).toBeLessThanOrEqual(4);
    const perRead = await callsWith(1);
    expect(perRead.length).toBeGreaterThanOrEqual(gathered.length * 3);
    expect(Math.max(...perRead)).toBeLessThan(8_000);
    const count = await sql<{ n: number }>`select count(*) as n from ingested`.execute(database.db);
    expect(Number(count.rows[0]?.n)).toBe(60_000);
  });

  it("holds rows read ahead in the form the backend chose, hashed and sampled as before", async () => {
    const { database, directory } = await openScratch();
    // 15 reads, joined 4 or 5 per insert.
    const path = writePaddedSymbols(directory, ["malformed"]);
    // A backend that holds rows as JSON lines, decoded again by its own bulkInsert.
    const encode = (rows: ReadonlyArray<readonly unknown[]>): EncodedRows => {
      const text = rows.map((row) => `${JSON.stringify(row)}\n`).join("");
      return createEncodedRows([Buffer.from(text)], rows.length);
    };
    let heldCalls = 0;
    const received: { encoded: boolean; parts: number }[] = [];
    const result = await database.transaction((scope) =>
      ingestDelimitedFile(
        {
          ...scope,
          sql: {
            ...scope.sql,
            bulkInsertRows: 8_000,
            insertsWaitOnServer: true,
            holdRows: (rows) => {
              heldCalls += 1;
              return encode(rows);
            },
          },
          bulkInsert: (table, columns, rows) => {
            if (!isEncodedRows(rows)) {
              received.push({ encoded: false, parts: 0 });
              return scope.bulkInsert(table, columns, rows);
            }
            received.push({ encoded: true, parts: rows.chunks.length });
            const text = rows.chunks.map((chunk) => Buffer.from(chunk).toString()).join("");
            const decoded = text
              .split("\n")
              .filter((line) => line !== "")
              .map((line) => JSON.parse(line) as unknown[]);
            expect(decoded).toHaveLength(rows.rowCount);
            return scope.bulkInsert(table, columns, decoded);
          },
        },
        { path, header, mapping, sample: { table: "ingested", columns: ["symbol", "volume"] } },
      ),
    );
    expect(result.counts).toMatchObject({ rowsRead: 30_001, accepted: 30_000, malformed: 1 });
    expect(result.written).toBe(30_001);
    expect(heldCalls).toBeGreaterThan(10);
    expect(received.every((call) => call.encoded)).toBe(true);
    expect(Math.max(...received.map((call) => call.parts))).toBeGreaterThan(1);
    expect(result.sample?.rowCount).toBe(30_000);
    const stored = await sql<{ rows: number | string; lines: number | string }>`select count(*) as rows,
      count(distinct line_number) as lines from ingested`.execute(database.db);
    expect(stored.rows.map((row) => [Number(row.rows), Number(row.lines)])).toEqual([[30_001, 30_001]]);
    const hashes = await sql<{ line_number: number | string; symbol: string | null; record_hash: string }>`
      select line_number, symbol, record_hash from ingested
      where line_number in (2, 30001, 30002) order by line_number`.execute(database.db);
    expect(hashes.rows.map((row) => [Number(row.line_number), row.symbol, row.record_hash])).toEqual([
      [2, "PADDED_SYMBOL_000000", hashOf("PADDED_SYMBOL_000000")],
      [30_001, "PADDED_SYMBOL_029999", hashOf("PADDED_SYMBOL_029999")],
      [30_002, null, hashOf("malformed")],
    ]);
  });
});
