/** True when every present value of a column is a number (and at least one is present). */
export function isNumberColumn(values: readonly unknown[]): boolean {
  let seen = false;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value !== "number" && typeof value !== "bigint") return false;
    seen = true;
  }
  return seen;
}

// Enough decimals for three significant digits of the column's smallest fraction, two to six:
// shares near 0.001 keep their digits, volumes in the millions show cents.
function decimalsFor(values: readonly unknown[]): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (const value of values) {
    if (typeof value !== "number" || Number.isInteger(value) || !Number.isFinite(value)) continue;
    smallest = Math.min(smallest, Math.abs(value));
  }
  if (smallest === Number.POSITIVE_INFINITY) return 0;
  return Math.min(6, Math.max(2, Math.ceil(-Math.log10(smallest)) + 2));
}

// A value written with at most six decimals (a fractional share quantity, 10.000001) shows every
// one of them; a long binary fraction (a ratio) does not count.
function writtenDecimals(values: readonly unknown[]): number {
  let most = 0;
  for (const value of values) {
    const text = typeof value === "number" ? String(value) : "";
    const digits = text.includes(".") && !text.includes("e") ? text.length - text.indexOf(".") - 1 : 0;
    if (digits <= 6) most = Math.max(most, digits);
  }
  return most;
}

/**
 * A number column as people read it: thousands separators and one number of decimals for the
 * whole column, so the points line up. JSON and CSV never go through this and keep exact values.
 */
export function formatNumberColumn(values: readonly unknown[]): string[] {
  const decimals = Math.max(decimalsFor(values), writtenDecimals(values));
  const format = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return values.map((value) => {
    if (value === null || value === undefined) return "";
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    return format.format(value as number | bigint);
  });
}
