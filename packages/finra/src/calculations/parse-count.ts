import type { Result } from "@spine/platform/pure";
import { fail, ok } from "@spine/platform/pure";

export type CountIssue = "INVALID" | "NEGATIVE" | "TOO_LARGE";

/**
 * The largest share quantity or trade count a row may carry: 12 digits. Real weekly rows stay
 * below 10^10, and at most 10^12 per row the sums over a file (millions of rows) stay inside a
 * 64-bit integer, where a 15-digit count on 10,000 rows made SQL's sum() fail with a bare
 * "integer overflow".
 */
export const maximumCountDigits = 12;

/** {@link maximumCountDigits} as a number: 999,999,999,999. */
export const maximumCount = 10 ** maximumCountDigits - 1;

// Plain digits or comma-grouped thousands, optionally with a zero fraction ("12.00" is still whole).
const WHOLE_NUMBER_PATTERN = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$/;

/**
 * Parses a share quantity or trade count; exponents, nonzero fractions and text are invalid, and
 * counts beyond {@link maximumCount} are too large.
 */
export function parseCount(text: string): Result<number, CountIssue> {
  const match = WHOLE_NUMBER_PATTERN.exec(text.trim());
  if (match === null) {
    return fail("INVALID");
  }
  const magnitude = Number((match[2] ?? "").replaceAll(",", ""));
  if (!Number.isSafeInteger(magnitude)) {
    return fail("INVALID");
  }
  if (match[1] === "-" && magnitude !== 0) {
    return fail("NEGATIVE");
  }
  if (magnitude > maximumCount) {
    return fail("TOO_LARGE");
  }
  return ok(magnitude);
}

/**
 * True when a count text is a canonical whole number of at most {@link maximumCountDigits} digits
 * (no sign, no leading zero, no separators): the texts parseCount and a SQL integer cast read alike,
 * so a domain may copy such rows set-based. A loop over character codes, as ingest runs it for every row.
 */
export function isCanonicalCount(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > maximumCountDigits) return false;
  if (text.charCodeAt(0) === 0x30) return length === 1;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}
