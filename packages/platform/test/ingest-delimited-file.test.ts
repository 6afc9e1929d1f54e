import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createEncodedRows } from "../src/database/encoded-rows.js";
import type {
  BulkRows,
  DelimitedRowMapping,
  EncodedRows,
  SideWrite,
  SpineDatabase,
  SqlScope,
} from "../src/index.js";
import { createRowSampler, defineHeaderSpec, ingestDelimitedFile, isEncodedRows } from "../src/index.js";
import { openScratchDatabase } from "./support/scratch-database.js";
import { createTemporaryDirectory } from "./support/temporary-spine.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openScratch(): Promise<{ database: SpineDatabase; directory: string }> {
  const directory = createTemporaryDirectory();
  cleanups.push(directory.remove);
  const database = await openScratchDatabase(cleanups);
  await sql`create table ingested (line_number integer, symbol text, volume text, detail text, record_hash text)`.execute(
    database.db,
  );
  return { database, directory: directory.path };
}

// Rows ingest hands a bulk insert: an array, or the backend's encoding (holdRows).
const heldCount = (rows: BulkRows) =>
  isEncodedRows(rows) ? rows.rowCount : (rows as ReadonlyArray<readonly unknown[]>).length;

const header = defineHeaderSpec({
  columns: {
    symbol: { aliases: ["Symbol"], required: true },
    volume: { aliases: ["Volume"], required: true },
  },
});

const mapping: DelimitedRowMapping<typeof header.columns> = {
  targets: [
    { table: "ingested", columns: ["line_number", "symbol", "volume", "record_hash"] },
    { table: "ingested", columns: ["line_number", "detail", "record_hash"] },
  ],
  hashRecordKeys: true,
  start: ({ columns }) => ({
    row: (fields, lineNumber, _line, _plain, batch) =>
      batch[0]?.push([
        lineNumber,
        fields[columns.symbol],
        fields[columns.volume],
        `${fields[columns.symbol]}`,
      ]),
    malformed: (lineNumber, line, detail, batch) => batch[1]?.push([lineNumber, detail, line]),
  }),
};

// The test mapping, refusing one line as a domain's row checks do.
function failingAt(lineNumber: number, onRefuse: () => void): DelimitedRowMapping<typeof header.columns> {
  return {
    ...mapping,
    start: (parsed) => {
      const mapper = mapping.start(parsed);
      return {
        ...mapper,
        row: (fields, line, text, plain, batch) => {
          if (line === lineNumber) {
            onRefuse();
            throw new Error(`line ${line} refused`);
          }
          mapper.row(fields, line, text, plain, batch);
        },
      };
    },
  };
}

// About 2,000 of these 33-byte lines fill one 64 KB read: 30,000 lines are 15 reads.
function writePaddedSymbols(directory: string, extraLines: readonly string[] = []): string {
  const path = join(directory, "week.csv");
  const lines = Array.from(
    { length: 30_000 },
    (_, index) => `PADDED_SYMBOL_${String(index).padStart(6, "0")},${index}`,
  );
  writeFileSync(path, ["Symbol,Volume", ...lines, ...extraLines].join("\n"));
  return path;
}

// A backend whose inserts wait on a server, each call gathering 8,000 rows or more: `beforeInsert`
// runs (and is awaited) before each insert that has rows, with the call's number.
function serverLikeScope(scope: SqlScope, beforeInsert: (call: number) => Promise<void> | void): SqlScope {
  let calls = 0;
  return {
    ...scope,
    sql: { ...scope.sql, bulkInsertRows: 8_000 },
    bulkInsert: async (table, columns, rows) => {
      if (heldCount(rows) === 0) return 0;
      calls += 1;
      await beforeInsert(calls);
      return scope.bulkInsert(table, columns, rows);
    },
  };
}

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

  it("reads on while a slow insert is in flight, and waits for it before failing", async () => {
    const { database, directory } = await openScratch();
    const path = writePaddedSymbols(directory);
    const run = async (failOnCall: number | null, failOnLine?: number) => {
      const events: string[] = [];
      let active = 0;
      let nextRead = () => {};
      let readDuringInsert = false;
      // With a refused line, inserts wait for the refusal: one is surely in flight when it comes.
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = () => {
          events.push("refused");
          resolve();
        };
      });
      const outcome = await database
        .transaction((scope) =>
          ingestDelimitedFile(
            serverLikeScope(scope, async (call) => {
              active += 1;
              events.push(`start ${call}`);
              if (failOnLine !== undefined) await released;
              // A fixed delay let a loaded machine finish every insert before the reader's next
              // chunk came back from disk. Until a read has been seen during an insert, each one
              // waits for the next read, or 2 s when the reader is (rightly) waiting for it.
              if (failOnCall === null && failOnLine === undefined && !readDuringInsert) {
                await Promise.race([
                  new Promise<void>((resolve) => {
                    nextRead = () => {
                      readDuringInsert = true;
                      resolve();
                    };
                  }),
                  new Promise((resolve) => setTimeout(resolve, 2_000)),
                ]);
                nextRead = () => {};
              }
              await new Promise((resolve) => setTimeout(resolve, 30));
              active -= 1;
              events.push(`end ${call}`);
              if (call === failOnCall) throw new Error(`insert ${call} failed`);
            }),
            {
              path,
              header,
              mapping: failOnLine === undefined ? mapping : failingAt(failOnLine, release),
              progressEvery: 1_000,
              onProgress: (read) => {
                events.push(`read ${read}`);
                nextRead();
              },
            },
          ),
        )
        .catch((error: Error) => {
          events.push("rejected");
          return error;
        });
      const activeAtEnd = active;
      // Room for an insert that would still be running (or not started yet) to show itself.
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { events, active: activeAtEnd, outcome };
    };
    const { events, outcome } = await run(null);
    expect(outcome).toMatchObject({ written: 30_000 });
    // Lines were read while an insert was in flight (between its start and its end).
    const overlapped = events.some((event, index) => {
      if (!event.startsWith("start ")) return false;
      const end = events.indexOf(`end ${event.slice(6)}`);
      return events.slice(index, end).some((between) => between.startsWith("read "));
    });
    expect(overlapped).toBe(true);
    expect(events.filter((event) => event.startsWith("start ")).length).toBeGreaterThan(1);

    const failed = await run(1);
    expect(failed.outcome).toBeInstanceOf(Error);
    expect(String(failed.outcome)).toContain("insert 1 failed");
    // The next insert waits for the one in flight, so the failure stops every later one.
    expect(failed.events.filter((event) => event.startsWith("start "))).toEqual(["start 1"]);

    // A line the mapping refuses while an insert is in flight: that insert ends before the error
    // comes out, so nothing writes through the transaction after it is rolled back.
    // Line 14,000 is read after the first insert (8,000 rows or more) was sent.
    const refused = await run(null, 14_000);
    expect(String(refused.outcome)).toContain("line 14000 refused");
    expect(refused.active).toBe(0);
    expect(refused.events.slice(-3)).toEqual(["start 1", "end 1", "rejected"]);
  });

  it("runs writes alongside between row inserts once each is ready, the rest after the last rows", async () => {
    const { database, directory } = await openScratch();
    const path = writePaddedSymbols(directory);
    const events: string[] = [];
    let readyEarly: (write: SideWrite) => void = () => {};
    let readyLate: (write: SideWrite) => void = () => {};
    const early = new Promise<SideWrite>((resolve) => {
      readyEarly = resolve;
    });
    const late = new Promise<SideWrite>((resolve) => {
      readyLate = resolve;
    });
    const sideWrite =
      (name: string, lineNumber: number): SideWrite =>
      async (scope) => {
        events.push(name);
        await sql`insert into ingested (line_number, detail) values (${lineNumber}, ${name})`.execute(
          scope.db,
        );
      };
    const result = await database.transaction((scope) =>
      ingestDelimitedFile(
        serverLikeScope(scope, (call) => {
          events.push(`insert ${call}`);
          // Ready while the first insert runs; the other once the last rows are being inserted.
          if (call === 1) readyEarly(sideWrite("early", -1));
          if (call === 4) readyLate(sideWrite("late", -2));
        }),
        { path, header, mapping, writesAlongside: [late, early] },
      ),
    );
    expect(result.written).toBe(30_000);
    expect(events).toEqual(["insert 1", "early", "insert 2", "insert 3", "insert 4", "late"]);
    const written = await sql<{ detail: string }>`select detail from ingested where line_number < 0
      order by line_number desc`.execute(database.db);
    expect(written.rows.map((row) => row.detail)).toEqual(["early", "late"]);
  });

  it("fails the ingest, nothing kept, when a write alongside fails, and runs none after a failure", async () => {
    const { database, directory } = await openScratch();
    const path = writePaddedSymbols(directory);
    // The write is made in the transaction, as a caller's load makes it just before the ingest
    // (on PostgreSQL the transaction starts a round trip later).
    const ingestWith = (write: () => Promise<SideWrite>, file = path) =>
      database.transaction((scope) =>
        ingestDelimitedFile(scope, { path: file, header, mapping, writesAlongside: [write()] }),
      );
    await expect(ingestWith(() => Promise.reject(new Error("source unreadable")))).rejects.toThrow(
      "source unreadable",
    );
    const throwing: SideWrite = async () => {
      throw new Error("store refused");
    };
    await expect(ingestWith(() => Promise.resolve(throwing))).rejects.toThrow("store refused");
    const count = await sql<{ n: number | string }>`select count(*) as n from ingested`.execute(database.db);
    expect(Number(count.rows[0]?.n)).toBe(0);
    // An ingest failing before any insert (no header) still handles a write that fails later:
    // no unhandled rejection (vitest fails the run on one).
    const headerless = join(directory, "headerless.csv");
    writeFileSync(headerless, "Ticker,Amount\nS1,1\n");
    let rejectLater: (error: Error) => void = () => {};
    const later = new Promise<SideWrite>((_resolve, reject) => {
      rejectLater = reject;
    });
    await expect(ingestWith(() => later, headerless)).rejects.toThrow(/symbol|Symbol/);
    rejectLater(new Error("compression failed after the ingest"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A write that becomes ready after an insert failed is never run.
    let readyAfterFailure: (write: SideWrite) => void = () => {};
    const afterFailure = new Promise<SideWrite>((resolve) => {
      readyAfterFailure = resolve;
    });
    let ran = false;
    await expect(
      database.transaction((scope) =>
        ingestDelimitedFile(
          serverLikeScope(scope, () => {
            throw new Error("insert failed");
          }),
          { path, header, mapping, writesAlongside: [afterFailure] },
        ),
      ),
    ).rejects.toThrow("insert failed");
    readyAfterFailure(async () => {
      ran = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(false);
  });
});
