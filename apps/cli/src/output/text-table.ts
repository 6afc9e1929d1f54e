import { columnNames } from "./column-names.js";
import { formatCell } from "./format-cell.js";

/** Options for {@link formatTextTable}. */
export interface TextTableOptions {
  /** Column order; defaults to every key in order of first appearance. */
  readonly columns?: readonly string[];
  /** Printed instead of an empty table. */
  readonly emptyMessage?: string;
}

function isNumeric(values: readonly unknown[]): boolean {
  const present = values.filter((value) => value !== null && value !== undefined);
  return (
    present.length > 0 && present.every((value) => typeof value === "number" || typeof value === "bigint")
  );
}

/** Renders rows as an aligned text table: numbers right-aligned, everything else left-aligned. */
export function formatTextTable(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: TextTableOptions = {},
): string {
  if (rows.length === 0) return `${options.emptyMessage ?? "(no rows)"}\n`;
  const columns = options.columns ?? columnNames(rows);
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column]).replace(/\r?\n/g, " ")));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((line) => (line[index] ?? "").length)),
  );
  const rightAligned = columns.map((column) => isNumeric(rows.map((row) => row[column])));
  const renderLine = (line: readonly string[]) =>
    line
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        return rightAligned[index] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const header = renderLine(columns);
  const separator = widths.map((width) => "-".repeat(width)).join("  ");
  return `${[header, separator, ...cells.map(renderLine)].join("\n")}\n`;
}
