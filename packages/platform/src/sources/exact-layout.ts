import type { Delimiter } from "./delimiter.js";
import type { HeaderColumnSpecs, ParsedHeader } from "./header-spec.js";

/**
 * True when a parsed header is exactly one known layout: this delimiter, and these columns at
 * positions 0, 1, 2, ... and no other field. A domain may then read a plain line of the file by
 * position, on a fast path, knowing every other column is absent.
 */
export function isExactLayout<Columns extends HeaderColumnSpecs>(
  header: ParsedHeader<Columns>,
  delimiter: Delimiter,
  order: readonly (keyof Columns & string)[],
): boolean {
  const positions = header.columns as Readonly<Record<string, number | null>>;
  return (
    header.delimiter === delimiter &&
    header.columns.fieldCount === order.length &&
    order.every((column, position) => positions[column] === position)
  );
}
