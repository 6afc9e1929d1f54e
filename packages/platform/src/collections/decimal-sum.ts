/**
 * Decimal places a quantity may carry and still be added up exactly: FINRA reports fractional
 * shares with at most six (the same limit as {@link SqlCapabilities.exactSum}).
 */
export const exactDecimalPlaces = 6;

const unitsPerWhole = 10 ** exactDecimalPlaces;

/**
 * The exact decimal total of quantities of at most {@link exactDecimalPlaces} decimal places, each
 * a JavaScript number holding such a decimal (at most 15 significant digits, so it converts back
 * exactly). The whole parts and the millionths are added as integers, and the total is the number
 * nearest the exact decimal sum: 0.1 + 0.2 gives 0.3, not 0.30000000000000004. Non-negative
 * amounts only (share quantities); whole totals stay exact below 2^53.
 */
export function sumDecimals<T>(items: Iterable<T>, amountOf: (item: T) => number): number {
  let wholes = 0;
  let units = 0;
  for (const item of items) {
    const amount = amountOf(item);
    const whole = Math.trunc(amount);
    wholes += whole;
    units += Math.round((amount - whole) * unitsPerWhole);
  }
  if (units === 0) return wholes;
  const carried = Math.floor(units / unitsPerWhole);
  const fraction = String(units - carried * unitsPerWhole).padStart(exactDecimalPlaces, "0");
  // Parsing the decimal text rounds once, to the nearest number, where adding doubles rounds each time.
  return Number(`${wholes + carried}.${fraction}`);
}
