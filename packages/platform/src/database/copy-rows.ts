import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { toSqlValue } from "./bulk-values.js";
import type { BulkRows } from "./spine-database.js";

// COPY text format: one line per row, tab-separated, \N for NULL; backslash, tab, newline and
// carriage return inside values must be escaped or they would split fields and rows.
function escapeText(text: string): string {
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
  return `${row.map(encodeCopyValue).join("\t")}\n`;
}

async function* encodeRows(rows: BulkRows, counter: { rows: number }): AsyncGenerator<string> {
  // Batching lines into larger chunks keeps stream overhead per row negligible.
  let buffer = "";
  for await (const row of rows) {
    buffer += encodeCopyRow(row);
    counter.rows += 1;
    if (buffer.length >= 64 * 1024) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer.length > 0) yield buffer;
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
