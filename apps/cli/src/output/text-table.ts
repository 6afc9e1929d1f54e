import { columnNames } from "@spine/platform";
import { formatCell } from "./format-cell.js";
import { formatNumberColumn, isNumberColumn } from "./number-column.js";

/** Options for {@link formatTextTable}. */
export interface TextTableOptions {
  /** Column order; defaults to every key in order of first appearance. */
  readonly columns?: readonly string[];
  /** Printed instead of an empty table. */
  readonly emptyMessage?: string;
  /** The terminal's width in characters; without it (output piped) nothing is cut. */
  readonly width?: number | undefined;
  /**
   * What a table too wide for `width` does: cut its long text with an ellipsis (default), or
   * print one block per row at once, for tables whose text must be read whole (descriptions).
   */
  readonly overflow?: "truncate" | "vertical";
}

const gap = 2;
// A text column is never cut below this, so what is left still says what it was.
const narrowestTextColumn = 8;

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

// Narrows the widest text columns until the table fits; null when even that is not enough.
function fitWidths(widths: number[], numeric: readonly boolean[], width: number): number[] | null {
  const fitted = [...widths];
  const total = () => fitted.reduce((sum, each) => sum + each, 0) + gap * (fitted.length - 1);
  while (total() > width) {
    let widest = -1;
    fitted.forEach((each, index) => {
      if (!numeric[index] && each > narrowestTextColumn && (widest < 0 || each > (fitted[widest] ?? 0)))
        widest = index;
    });
    if (widest < 0) return null;
    fitted[widest] = Math.max(narrowestTextColumn, (fitted[widest] ?? 0) - (total() - width));
  }
  return fitted;
}

// One block per row, `column  value` per line, as psql's expanded display: for tables too wide
// for the terminal even with their text columns cut.
function formatVertical(columns: readonly string[], cells: readonly string[][]): string {
  const nameWidth = Math.max(...columns.map((column) => column.length));
  const blocks = cells.map((line, row) => {
    const fields = columns.map((column, index) =>
      `${column.padEnd(nameWidth)}  ${line[index] ?? ""}`.trimEnd(),
    );
    return [`-[ row ${row + 1} ]-`, ...fields].join("\n");
  });
  return `${blocks.join("\n")}\n`;
}

/**
 * Renders rows as an aligned text table for people: numbers right-aligned with thousands
 * separators and a fixed number of decimals per column; given the terminal's width, long text
 * is cut with an ellipsis, and a table that still does not fit is printed one row per block.
 */
export function formatTextTable(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: TextTableOptions = {},
): string {
  if (rows.length === 0) return `${options.emptyMessage ?? "(no rows)"}\n`;
  const columns = options.columns ?? columnNames(rows);
  const numeric = columns.map((column) => isNumberColumn(rows.map((row) => row[column])));
  const byColumn = columns.map((column, index) =>
    numeric[index]
      ? formatNumberColumn(rows.map((row) => row[column]))
      : rows.map((row) => formatCell(row[column]).replace(/\r?\n/g, " ")),
  );
  const cells = rows.map((_, row) => byColumn.map((column) => column[row] ?? ""));
  const natural = columns.map((column, index) =>
    Math.max(column.length, ...(byColumn[index] ?? []).map((cell) => cell.length)),
  );
  const { width } = options;
  const tooWide = width !== undefined && natural.reduce((sum, each) => sum + each + gap, -gap) > width;
  const widths =
    width === undefined
      ? natural
      : options.overflow === "vertical" && tooWide
        ? null
        : fitWidths(natural, numeric, width);
  if (widths === null) return formatVertical(columns, cells);
  const renderLine = (line: readonly string[]) =>
    line
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        const text = truncate(cell, width);
        return numeric[index] ? text.padStart(width) : text.padEnd(width);
      })
      .join(" ".repeat(gap))
      .trimEnd();
  const separator = widths.map((width) => "-".repeat(width)).join(" ".repeat(gap));
  return `${[renderLine(columns), separator, ...cells.map(renderLine)].join("\n")}\n`;
}
