import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { DelimitedRowMapping, SideWrite } from "../src/index.js";
import { ingestDelimitedFile } from "../src/index.js";
import {
  ingestHeader as header,
  ingestMapping as mapping,
  openIngestScratch,
  serverLikeScope,
  writePaddedSymbols,
} from "./support/ingest-test-file.js";
import type { Cleanups } from "./support/scratch-database.js";

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const openScratch = () => openIngestScratch(cleanups);

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

describe("integration: inserts in flight and writes alongside", () => {
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
