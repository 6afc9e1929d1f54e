import type { Result } from "@spine/platform/pure";
import { fail, ok } from "@spine/platform/pure";

export type CountIssue = "INVALID" | "NEGATIVE";

// Plain digits or comma-grouped thousands, optionally with a zero fraction ("12.00" is still whole).
const WHOLE_NUMBER_PATTERN = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$/;

/** Parses a share quantity or trade count; exponents, nonzero fractions and text are invalid. */
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
  return ok(magnitude);
}
