import { compareText } from "@spine/platform/pure";
import { FINRA_API_FIELDS } from "./api-fields.js";
import { FINRA_DOWNLOAD_COLUMNS, FINRA_DOWNLOAD_DELIMITER } from "./download-columns.js";

/**
 * The columns of a landing file written from Query API rows: the download's, in its order, then
 * the API's weekStartDate, summaryTypeCode and initialPublishedDate, so ingest reads it like a
 * download and lineage keeps what only the API says.
 */
export const API_LANDING_COLUMNS = [
  ...FINRA_DOWNLOAD_COLUMNS,
  FINRA_API_FIELDS.weekStartDate,
  FINRA_API_FIELDS.summaryTypeCode,
  FINRA_API_FIELDS.initialPublishedDate,
] as const;

/** A Query API row as parsed JSON: key order and number spelling vary between answers. */
export type ApiRow = Readonly<Record<string, unknown>>;

// Moves a decimal exponent into the digits: "1.776264414239084E9" -> "1776264414.239084".
function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = "", whole = "", fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  const digits = `${whole}${fraction}`;
  const point = whole.length + exponent;
  const padded = point <= 0 ? `${"0".repeat(1 - point)}${digits}` : digits.padEnd(point, "0");
  const at = Math.max(point, 1);
  const integer = padded.slice(0, at).replace(/^0+(?=\d)/, "");
  const decimals = padded.slice(at).replace(/0+$/, "");
  return `${sign}${integer}${decimals === "" ? "" : `.${decimals}`}`;
}

/**
 * A field's text as a download would spell it: numbers in plain decimal (E-notation expanded,
 * fractions kept as given), text unchanged (symbol case is significant), absent values empty.
 */
export function apiFieldText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return expandExponent(String(value));
  const text = String(value);
  return /^-?\d+(\.\d*)?[eE][+-]?\d+$/.test(text.trim()) ? expandExponent(text.trim()) : text;
}

// A field holding the delimiter, a quote or a line break is quoted RFC 4180 style, as ingest reads it.
function quoteField(text: string): string {
  return /[|"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A Query API row as one landing-file line, fields in {@link API_LANDING_COLUMNS} order. */
export function apiRowToLandingLine(row: ApiRow): string {
  const fields = API_LANDING_COLUMNS.map((column) => quoteField(apiFieldText(row[column])));
  return fields.join(FINRA_DOWNLOAD_DELIMITER);
}

/**
 * A tier-week's landing file text: the header, then one line per row sorted byte-wise (the API
 * returns rows unsorted), so the same rows always make the same file and the same sha256.
 */
export function apiRowsToLandingText(rows: readonly ApiRow[]): string {
  const lines = rows.map(apiRowToLandingLine).sort(compareText);
  return `${[API_LANDING_COLUMNS.join(FINRA_DOWNLOAD_DELIMITER), ...lines].join("\n")}\n`;
}
