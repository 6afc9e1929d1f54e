import { expect } from "vitest";
import type { DelimitedRowMapping, SpineDatabase, SqlScope } from "../../src/index.js";
import { ingestDelimitedFile } from "../../src/index.js";
import {
  ingestHeader as header,
  heldCount,
  ingestMapping as mapping,
  serverLikeScope,
} from "./ingest-test-file.js";

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

// Ingests through a server-like scope whose inserts take 30 ms (and, with a refused line, wait
// for the refusal, so one is surely in flight when it comes): what happened, in order.
export async function ingestWithSlowInserts(
  database: SpineDatabase,
  path: string,
  failOnCall: number | null,
  failOnLine?: number,
) {
  const events: string[] = [];
  let active = 0;
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
          await new Promise((resolve) => setTimeout(resolve, 30));
          active -= 1;
          events.push(`end ${call}`);
          if (call === failOnCall) throw new Error(`insert ${call} failed`);
        }),
        { path, header, mapping: failOnLine === undefined ? mapping : failingAt(failOnLine, release) },
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
}

// Resolves once `poke` has not been called for `quietMs` (or after `limitMs` in all).
function untilQuiet(register: (poke: () => void) => void, quietMs = 500, limitMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(quiet);
      clearTimeout(limit);
      register(() => {});
      resolve();
    };
    let quiet = setTimeout(done, quietMs);
    const limit = setTimeout(done, limitMs);
    register(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
  });
}

// Ingests through a server-like scope of `bulkInsertRows` whose first insert ends only once the
// reader has stopped reading (the file read, or the read-ahead cap reached): rows per insert.
export async function rowsPerInsertWhileFirstWaits(
  database: SpineDatabase,
  path: string,
  bulkInsertRows: number,
  insertsWaitOnServer = true,
) {
  const rows: number[] = [];
  let poke = () => {};
  const result = await database.transaction((scope) => {
    const slow = serverLikeScope(
      scope,
      (call) =>
        call === 1
          ? untilQuiet((next) => {
              poke = next;
            })
          : undefined,
      bulkInsertRows,
      insertsWaitOnServer,
    );
    const counted: SqlScope = {
      ...slow,
      bulkInsert: async (table, columns, held) => {
        if (heldCount(held) > 0) rows.push(heldCount(held));
        return slow.bulkInsert(table, columns, held);
      },
    };
    return ingestDelimitedFile(counted, {
      path,
      header,
      mapping,
      progressEvery: 1,
      onProgress: () => poke(),
    });
  });
  expect(result.written).toBe(30_000);
  return rows;
}
