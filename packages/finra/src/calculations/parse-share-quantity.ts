import type { Result } from "@spine/platform/pure";
import { exactDecimalPlaces, fail, ok } from "@spine/platform/pure";
import { type CountIssue, maximumCount, parseCount } from "./parse-count.js";

/** Why a share quantity is refused: a count's issues, or a fraction finer than exact sums hold. */
export type ShareQuantityIssue = CountIssue | "TOO_PRECISE";

/** Significant digits a JavaScript number holds exactly: a fractional quantity may carry no more. */
export const maximumShareDigits = 15;

// Plain digits or comma-grouped thousands, then a fraction.
const FRACTIONAL_PATTERN = /^(\d{1,3}(?:,\d{3})+|\d+)\.(\d+)$/;

/**
 * Parses a share quantity. FINRA reports fractional shares on some rows since 2026 (`1234.5`):
 * a fraction of up to {@link exactDecimalPlaces} places (trailing zeros aside) is kept exactly, as
 * the number nearest it, whose sums the platform keeps exact (sumDecimals, exactSum). A finer
 * fraction, or more than {@link maximumShareDigits} significant digits, is TOO_PRECISE: never
 * rounded. Whole quantities follow {@link parseCount}.
 */
export function parseShareQuantity(text: string): Result<number, ShareQuantityIssue> {
  const match = FRACTIONAL_PATTERN.exec(text.trim());
  const fraction = match?.[2]?.replace(/0+$/, "") ?? "";
  if (match === null || fraction === "") return parseCount(text);
  const whole = (match[1] ?? "").replaceAll(",", "").replace(/^0+(?=\d)/, "");
  if (Number(whole) > maximumCount) return fail("TOO_LARGE");
  const digits = `${whole}${fraction}`.replace(/^0+/, "").length;
  if (fraction.length > exactDecimalPlaces || digits > maximumShareDigits) return fail("TOO_PRECISE");
  return ok(Number(`${whole}.${fraction}`));
}
