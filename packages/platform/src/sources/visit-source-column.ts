import type { HeaderColumnSpecs, HeaderSpec, ParsedHeader } from "./header-spec.js";
import { visitSourceRows } from "./visit-source-rows.js";

// One character the plain path cannot judge without the full RFC 4180 split.
// biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL is one of the characters to find.
const unsureCharacter = /["\u0000\r\uFEFF]/;

/**
 * Field `index` of a plain line with exactly `fieldCount` fields, found without splitting the
 * line; undefined when the line is not plain enough to be sure (a quote, a wrong field count, an
 * empty or padded field), for the caller to split it in full.
 */
export function plainFieldAt(
  line: string,
  delimiter: string,
  index: number,
  fieldCount: number,
): string | undefined {
  if (unsureCharacter.test(line)) return undefined;
  let start = 0;
  let field = 0;
  let value: string | undefined;
  for (;;) {
    const end = line.indexOf(delimiter, start);
    if (field === index) value = end === -1 ? line.slice(start) : line.slice(start, end);
    if (end === -1) break;
    field += 1;
    start = end + delimiter.length;
  }
  if (field + 1 !== fieldCount || value === undefined || value === "" || value.trim() !== value)
    return undefined;
  return value;
}

/**
 * Reads a whole source for one column, handing `visit` that column's value of every well-formed
 * data row, exactly as {@link visitSourceRows} would see it. Most lines are plain, and their one
 * field is found without splitting the line: a pre-pass over a million-row file (to place it by
 * its publication dates, say) then costs about half as much. A header without the column visits
 * nothing.
 */
export async function visitSourceColumn<Columns extends HeaderColumnSpecs>(
  path: string,
  spec: HeaderSpec<Columns>,
  column: keyof Columns & string,
  visit: (value: string) => void,
): Promise<ParsedHeader<Columns>> {
  let index: number | null | undefined;
  return visitSourceRows(
    path,
    spec,
    (fields, header) => {
      index ??= header.columns[column] as number | null;
      if (index !== null) visit(fields[index] ?? "");
    },
    (line, header) => {
      index ??= header.columns[column] as number | null;
      if (index === null) return true;
      const value = plainFieldAt(line, header.delimiter, index, header.columns.fieldCount);
      if (value === undefined) return false;
      visit(value);
      return true;
    },
  );
}
