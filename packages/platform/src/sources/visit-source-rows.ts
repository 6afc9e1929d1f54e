import { SpineError } from "../errors/spine-error.js";
import { isBlankLine } from "./blank-line.js";
import type { HeaderColumnSpecs, HeaderSpec, ParsedHeader } from "./header-spec.js";
import { parseHeaderLine } from "./header-spec.js";
import { plainDelimitedFields } from "./plain-delimited-fields.js";
import { readLineBatches } from "./read-lines.js";
import { splitDelimitedLine } from "./split-delimited-line.js";

/**
 * Reads a whole source and hands every well-formed data row's fields to `visit`, for facts that
 * only all rows tell (e.g. the range of publication dates that places a republished file) before
 * the file is ingested. Blank and malformed lines are skipped; a bad header throws as
 * {@link parseHeaderLine} does. Returns the parsed header.
 */
export async function visitSourceRows<Columns extends HeaderColumnSpecs>(
  path: string,
  spec: HeaderSpec<Columns>,
  visit: (fields: readonly string[], header: ParsedHeader<Columns>) => void,
  /** Handles a line without splitting it, or returns false to have it split and visited. */
  visitLine?: (line: string, header: ParsedHeader<Columns>) => boolean,
): Promise<ParsedHeader<Columns>> {
  let header: ParsedHeader<Columns> | null = null;
  let lineNumber = 0;
  for await (const batch of readLineBatches(path)) {
    for (const line of batch) {
      lineNumber += 1;
      if (isBlankLine(line)) continue;
      if (header === null) {
        header = parseHeaderLine(spec, line, lineNumber, path);
        continue;
      }
      if (visitLine?.(line, header)) continue;
      const { delimiter } = header;
      const { fieldCount } = header.columns;
      // Nearly every line is plain, and the native split of a plain line is the RFC 4180 split.
      const fields = plainDelimitedFields(line, delimiter, fieldCount) ?? splitDelimitedLine(line, delimiter);
      if (fields.length === fieldCount) visit(fields, header);
    }
  }
  if (header === null) throw new SpineError("SOURCE", `${path}: the file is empty (no header line).`);
  return header;
}
