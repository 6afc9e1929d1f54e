import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import type { BulkRows, DelimitedRowMapping, SpineDatabase, SqlScope } from "../../src/index.js";
import { defineHeaderSpec, isEncodedRows } from "../../src/index.js";
import type { Cleanups } from "./scratch-database.js";
import { openScratchDatabase, useCleanups } from "./scratch-database.js";
import { createTemporaryDirectory } from "./temporary-spine.js";

/**
 * For a test file: registers the cleanup after each test and returns what opens a scratch database
 * (see {@link openIngestScratch}) to be removed then.
 */
export function useIngestScratch(): () => Promise<{ database: SpineDatabase; directory: string }> {
  const cleanups = useCleanups();
  return () => openIngestScratch(cleanups);
}

/** A scratch database with an `ingested` table for the test mapping, and a folder for its files. */
export async function openIngestScratch(
  cleanups: Cleanups,
): Promise<{ database: SpineDatabase; directory: string }> {
  const directory = createTemporaryDirectory();
  cleanups.push(directory.remove);
  const database = await openScratchDatabase(cleanups);
  await sql`create table ingested (line_number integer, symbol text, volume text, detail text, record_hash text)`.execute(
    database.db,
  );
  return { database, directory: directory.path };
}

/** Rows ingest hands a bulk insert: an array, or the backend's encoding (holdRows). */
export const heldCount = (rows: BulkRows): number =>
  isEncodedRows(rows) ? rows.rowCount : (rows as ReadonlyArray<readonly unknown[]>).length;

export const ingestHeader = defineHeaderSpec({
  columns: {
    symbol: { aliases: ["Symbol"], required: true },
    volume: { aliases: ["Volume"], required: true },
  },
});

/** Rows into `ingested` (target 0), malformed lines with their detail (target 1). */
export const ingestMapping: DelimitedRowMapping<typeof ingestHeader.columns> = {
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

/**
 * Writes 30,000 lines of 33 bytes (then `extraLines`): about 2,000 fill one 64 KB read, so the
 * file is 15 reads, enough for several inserts in flight.
 */
export function writePaddedSymbols(directory: string, extraLines: readonly string[] = []): string {
  const path = join(directory, "week.csv");
  const lines = Array.from(
    { length: 30_000 },
    (_, index) => `PADDED_SYMBOL_${String(index).padStart(6, "0")},${index}`,
  );
  writeFileSync(path, ["Symbol,Volume", ...lines, ...extraLines].join("\n"));
  return path;
}

/**
 * A backend whose inserts wait on a server (unless `insertsWaitOnServer` is false: in process),
 * each call gathering `bulkInsertRows` rows or more (8,000 unless given): `beforeInsert` runs (and
 * is awaited) before each insert that has rows, with the call's number.
 */
export function serverLikeScope(
  scope: SqlScope,
  beforeInsert: (call: number) => Promise<void> | void,
  bulkInsertRows = 8_000,
  insertsWaitOnServer = true,
): SqlScope {
  let calls = 0;
  return {
    ...scope,
    sql: { ...scope.sql, bulkInsertRows, insertsWaitOnServer },
    bulkInsert: async (table, columns, rows) => {
      if (heldCount(rows) === 0) return 0;
      calls += 1;
      await beforeInsert(calls);
      return scope.bulkInsert(table, columns, rows);
    },
  };
}
