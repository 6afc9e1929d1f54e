import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { toSqlValue } from "./bulk-values.js";
import type { BulkRows } from "./spine-database.js";

// COPY text format: one line per row, tab-separated, \N for NULL; backslash, tab, newline and
// carriage return inside values must be escaped or they would split fields and rows. Most values
// hold none of them: testing first spares the replace and its callback (a third of encoding time).
const SPECIAL = /[\\\t\n\r]/;

function escapeText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (character) => {
    if (character === "\\") return "\\\\";
    if (character === "\t") return "\\t";
    if (character === "\n") return "\\n";
    return "\\r";
  });
}

/** One value in COPY text format. */
export function encodeCopyValue(value: unknown): string {
  const normalized = toSqlValue(value);
  if (normalized === null) return "\\N";
  if (typeof normalized === "string") return escapeText(normalized);
  if (typeof normalized === "number" || typeof normalized === "bigint") return String(normalized);
  if (normalized instanceof Date) return normalized.toISOString();
  if (normalized instanceof Uint8Array) return `\\\\x${Buffer.from(normalized).toString("hex")}`;
  throw new TypeError(`Cannot COPY a value of type ${typeof normalized}: ${String(normalized)}`);
}

/** One row in COPY text format, newline included. */
export function encodeCopyRow(row: readonly unknown[]): string {
  // A loop, not map().join(): no array per row, which on a million rows is mostly garbage collection.
  let line = row.length > 0 ? encodeCopyValue(row[0]) : "";
  for (let index = 1; index < row.length; index += 1) line += `\t${encodeCopyValue(row[index])}`;
  return `${line}\n`;
}

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
const encodeRows = (rows: BulkRows, counter: { rows: number }) =>
  Symbol.iterator in rows ? encodeRowsSync(rows, counter) : encodeRowsAsync(rows, counter);

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
