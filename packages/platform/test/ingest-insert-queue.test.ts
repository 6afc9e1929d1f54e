import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SideWrite, SqlScope } from "../src/index.js";
import { ingestDelimitedFile } from "../src/index.js";
import {
  ingestHeader as header,
  heldCount,
  ingestMapping as mapping,
  serverLikeScope,
  useIngestScratch,
  writePaddedSymbols,
} from "./support/ingest-test-file.js";
import { ingestWithSlowInserts, rowsPerInsertWhileFirstWaits } from "./support/slow-inserts.js";

const openScratch = useIngestScratch();

describe("integration: inserts in flight and writes alongside", () => {
  it("waits for the insert in flight before failing, and starts none after a failed one", async () => {
    const { database, directory } = await openScratch();
    const run = (failOnCall: number | null, failOnLine?: number) =>
      ingestWithSlowInserts(database, writePaddedSymbols(directory), failOnCall, failOnLine);
    const { events, outcome } = await run(null);
    expect(outcome).toMatchObject({ written: 30_000 });
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

  it("reads ahead while the server is busy, the next insert taking every row held, up to 16 inserts' worth; never in process", async () => {
    const { database, directory } = await openScratch();
    const path = writePaddedSymbols(directory);
    // 8,000-row inserts: while the first waits, the rest of the file is read; one insert takes it.
    const gathered = await rowsPerInsertWhileFirstWaits(database, path, 8_000);
    expect(gathered).toHaveLength(2);
    expect(gathered[0]).toBeGreaterThanOrEqual(8_000);
    expect(gathered[1]).toBe(30_000 - (gathered[0] ?? 0));
    // 1,000-row inserts: reading stops at 16,000 rows held, plus the read that passed the mark (a
    // 64 KB read holds at most 65,536 / 23 of these lines, the shortest being 23 bytes).
    const capped = await rowsPerInsertWhileFirstWaits(database, path, 1_000);
    expect(capped[1]).toBeGreaterThanOrEqual(16_000);
    expect(capped[1]).toBeLessThan(16_000 + Math.ceil(65_536 / 23));
    expect(capped.reduce((sum, count) => sum + count, 0)).toBe(30_000);
    // A backend inserting in process never reads ahead: each insert takes the first reads to pass
    // 8,000 rows, however long the one before it took.
    const inProcess = await rowsPerInsertWhileFirstWaits(database, path, 8_000, false);
    expect(inProcess.length).toBeGreaterThanOrEqual(3);
    for (const count of inProcess.slice(0, -1)) {
      expect(count).toBeGreaterThanOrEqual(8_000);
      expect(count).toBeLessThan(8_000 + Math.ceil(65_536 / 23));
    }
    expect(inProcess.reduce((sum, count) => sum + count, 0)).toBe(30_000);
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
    const result = await database.transaction((scope) => {
      // Ready while the first insert runs; the other once the last rows are being inserted.
      const slow = serverLikeScope(scope, (call) => {
        events.push(`insert ${call}`);
        if (call === 1) readyEarly(sideWrite("early", -1));
      });
      let inserted = 0;
      const lastReadiesLate: SqlScope = {
        ...slow,
        bulkInsert: async (table, columns, rows) => {
          inserted += heldCount(rows);
          const written = await slow.bulkInsert(table, columns, rows);
          if (inserted === 30_000) readyLate(sideWrite("late", -2));
          return written;
        },
      };
      return ingestDelimitedFile(lastReadiesLate, { path, header, mapping, writesAlongside: [late, early] });
    });
    expect(result.written).toBe(30_000);
    // How many inserts there are depends on how far lines were read ahead meanwhile.
    const inserts = events.filter((event) => event.startsWith("insert "));
    expect(inserts.length).toBeGreaterThanOrEqual(2);
    expect(events).toEqual(["insert 1", "early", ...inserts.slice(1), "late"]);
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
