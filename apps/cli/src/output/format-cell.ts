const maximumDecimals = 6;

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

// Tables are for people: long binary fractions hide the signal, so floats are shortened here.
// JSON and CSV never go through this function and keep full precision.
function formatNumber(value: number): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1) return trimZeros(value.toFixed(maximumDecimals));
  return String(Number(value.toPrecision(maximumDecimals)));
}

/** Renders one value for an aligned text table. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}
