import { columnNames } from "./column-names.js";

function csvText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Quotes a field as RFC 4180 requires: when it holds a comma, a double quote, CR or LF. */
export function quoteCsvField(value: unknown): string {
  const text = csvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders rows as RFC 4180 CSV (CRLF line breaks, header row), numbers in full precision. */
export function formatCsv(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns?: readonly string[],
): string {
  const names = columns ?? columnNames(rows);
  const lines = [names.map(quoteCsvField).join(",")];
  for (const row of rows) lines.push(names.map((name) => quoteCsvField(row[name])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
