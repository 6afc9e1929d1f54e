import { SpineError } from "../errors/spine-error.js";
import { isBlankLine } from "./blank-line.js";
import type { HeaderColumnSpecs, HeaderSpec, ParsedHeader } from "./header-spec.js";
import { parseHeaderLine } from "./header-spec.js";
import { readLines } from "./read-lines.js";
import { splitDelimitedLine } from "./split-delimited-line.js";

/** The first data line of a source whose field count matches its header. */
export interface SourceRow {
  readonly fields: readonly string[];
  readonly lineNumber: number;
  readonly line: string;
}

/** A source's header and first well-formed row (null when no data line has the header's width). */
export interface SourceStart<Columns extends HeaderColumnSpecs> {
  readonly header: ParsedHeader<Columns>;
  readonly firstRow: SourceRow | null;
}

/**
 * Reads only as far as a source's first well-formed data row, for deciding what a file holds
 * (its partition) before ingesting it. Blank lines are skipped; a bad header throws `SOURCE`
 * errors as {@link parseHeaderLine} does, and so does a file without any line.
 */
export async function readSourceStart<Columns extends HeaderColumnSpecs>(
  path: string,
  spec: HeaderSpec<Columns>,
): Promise<SourceStart<Columns>> {
  let header: ParsedHeader<Columns> | null = null;
  let lineNumber = 0;
  for await (const line of readLines(path)) {
    lineNumber += 1;
    if (isBlankLine(line)) continue;
    if (header === null) {
      header = parseHeaderLine(spec, line, lineNumber, path);
      continue;
    }
    const fields = splitDelimitedLine(line, header.delimiter);
    if (fields.length === header.columns.fieldCount)
      return { header, firstRow: { fields, lineNumber, line } };
  }
  if (header === null) throw new SpineError("SOURCE", `${path}: the file is empty (no header line).`);
  return { header, firstRow: null };
}
