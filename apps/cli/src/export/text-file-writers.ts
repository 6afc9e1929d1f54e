import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { quoteCsvField } from "@spine/platform";
import type { ExportColumn, ExportRow, RowFileWriter } from "./row-file-writer.js";

// BigInt has no JSON form; a decimal string keeps every digit.
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

async function createLineWriter(
  path: string,
  header: string | null,
  lineOf: (row: ExportRow) => string,
  lineEnd: string,
): Promise<RowFileWriter> {
  const file: FileHandle = await open(path, "w");
  try {
    if (header !== null) await file.write(`${header}${lineEnd}`);
  } catch (error) {
    await file.close();
    throw error;
  }
  return {
    async write(rows) {
      if (rows.length > 0) await file.write(rows.map((row) => `${lineOf(row)}${lineEnd}`).join(""));
    },
    async finish() {
      await file.sync();
      await file.close();
    },
  };
}

/** RFC 4180 CSV: a header row always (an empty export is still a valid table), CRLF line ends. */
export function createCsvFileWriter(path: string, columns: readonly ExportColumn[]): Promise<RowFileWriter> {
  const names = columns.map((column) => column.name);
  return createLineWriter(
    path,
    names.map(quoteCsvField).join(","),
    (row) => names.map((name) => quoteCsvField(row[name])).join(","),
    "\r\n",
  );
}

/** JSON Lines: one object per row, keys in column order, numbers in full precision. */
export function createJsonLinesFileWriter(
  path: string,
  columns: readonly ExportColumn[],
): Promise<RowFileWriter> {
  const names = columns.map((column) => column.name);
  return createLineWriter(
    path,
    null,
    (row) => JSON.stringify(Object.fromEntries(names.map((name) => [name, row[name] ?? null])), jsonValue),
    "\n",
  );
}
