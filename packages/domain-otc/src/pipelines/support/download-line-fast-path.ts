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
 * when it must decide: a quote, NUL, byte order mark or carriage return, another field count, an
 * empty field, or a field with surrounding whitespace (which the general path trims).
 */
export function plainDownloadFields(line: string): string[] | null {
  if (line.includes('"') || line.includes("\u0000") || line.includes("\r") || line.charCodeAt(0) === 0xfeff)
    return null;
  const fields = line.split("|");
  if (fields.length !== downloadOrder.length) return null;
  for (const field of fields) {
    if (field === "" || field.trim() !== field) return null;
  }
  return fields;
}
