import { toSqlValue } from "./bulk-values.js";
import type { EncodedRows } from "./encoded-rows.js";
import { createEncodedRows } from "./encoded-rows.js";

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

/**
 * Rows in COPY text format, ready for a later copyRows (PostgreSQL's holdRows): one flat
 * buffer instead of every row's values.
 */
export function encodeCopyText(rows: ReadonlyArray<readonly unknown[]>): EncodedRows {
  let text = "";
  for (const row of rows) text += encodeCopyRow(row);
  return createEncodedRows(text === "" ? [] : [Buffer.from(text)], rows.length);
}
