import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { encodeCopyRow } from "./copy-text.js";
import { isEncodedRows } from "./encoded-rows.js";
import type { BulkRows } from "./spine-database.js";

// Lines are gathered into chunks of about 64 KB: stream overhead per row stays negligible.
function createLineChunker(counter: { rows: number }) {
  let buffer = "";
  return {
    /** Adds a row; returns a full chunk to send, or null. */
    add(row: readonly unknown[]): string | null {
      buffer += encodeCopyRow(row);
      counter.rows += 1;
      if (buffer.length < 64 * 1024) return null;
      const full = buffer;
      buffer = "";
      return full;
    },
    rest: (): string | null => (buffer.length > 0 ? buffer : null),
  };
}

function* encodeRowsSync(rows: Iterable<readonly unknown[]>, counter: { rows: number }): Generator<string> {
  const chunker = createLineChunker(counter);
  for (const row of rows) {
    const chunk = chunker.add(row);
    if (chunk !== null) yield chunk;
  }
  const rest = chunker.rest();
  if (rest !== null) yield rest;
}

async function* encodeRowsAsync(rows: AsyncIterable<readonly unknown[]>, counter: { rows: number }) {
  const chunker = createLineChunker(counter);
  for await (const row of rows) {
    const chunk = chunker.add(row);
    if (chunk !== null) yield chunk;
  }
  const rest = chunker.rest();
  if (rest !== null) yield rest;
}

// An array of rows is walked without an await per row (for await over an array costs one per row).
function encodeRows(
  rows: BulkRows,
  counter: { rows: number },
): Iterable<string | Uint8Array> | AsyncIterable<string> {
  if (isEncodedRows(rows)) {
    counter.rows = rows.rowCount;
    return rows.chunks;
  }
  return Symbol.iterator in rows ? encodeRowsSync(rows, counter) : encodeRowsAsync(rows, counter);
}

/**
 * Streams rows into `table` with `COPY ... FROM STDIN` on `client`, so it joins whatever
 * transaction the client is in. Returns how many rows were sent.
 */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  rows: BulkRows,
): Promise<number> {
  const quoted = columns.map((column) => `"${column.replaceAll('"', '""')}"`).join(", ");
  const target = `"${table.replaceAll('"', '""')}"`;
  const counter = { rows: 0 };
  const stream = client.query(copyFrom(`COPY ${target} (${quoted}) FROM STDIN`));
  await pipeline(Readable.from(encodeRows(rows, counter)), stream);
  return counter.rows;
}
