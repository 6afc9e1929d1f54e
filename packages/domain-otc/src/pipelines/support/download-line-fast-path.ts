import type { SourceHeader } from "./source-identity.js";

// Nearly every line of a real FINRA download is eight clean fields in the download order. For
// such a line the general path (RFC 4180 split, column map, trims, the joined-line check) stores
// each field exactly as read, so the fast path takes the native split's fields as they are. Any
// line it is not sure of goes down the general path; a test holds both to the same output.

const downloadOrder = [
  "tier",
  "symbol",
  "issueName",
  "marketParticipantName",
  "mpid",
  "shareQuantity",
  "tradeCount",
  "lastUpdateDate",
] as const;

/** True when a header is FINRA's download layout in its own column order, pipe-delimited. */
export function isDownloadLayout(header: SourceHeader): boolean {
  const { columns } = header;
  return (
    header.delimiter === "|" &&
    columns.fieldCount === downloadOrder.length &&
    columns.week === null &&
    columns.summaryTypeCode === null &&
    downloadOrder.every((column, position) => columns[column] === position)
  );
}

/**
 * The eight fields of a download-layout line that the general path would store unchanged, or null
 * when it must decide: a quote, NUL, byte order mark (anywhere) or carriage return, another field
 * count, an empty field, or a field with surrounding whitespace (which the general path trims).
 */
export function plainDownloadFields(line: string): string[] | null {
  if (unsureCharacter.test(line)) return null;
  const fields = line.split("|");
  if (fields.length !== downloadOrder.length) return null;
  for (const field of fields) {
    if (field === "" || !unpadded(field)) return null;
  }
  return fields;
}

// One pass over the line for every character the general path treats specially.
// biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL is one of the characters to find.
const unsureCharacter = /["\u0000\r\uFEFF]/;

// Printable ASCII at both ends means nothing to trim; only other ends need trim() to decide.
function unpadded(field: string): boolean {
  const first = field.charCodeAt(0);
  const last = field.charCodeAt(field.length - 1);
  if (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) return true;
  return field.trim() === field;
}
