/** Adds up one amount per item, in input order (so floating-point sums are reproducible). */
export function sumBy<T>(items: readonly T[], amountOf: (item: T) => number): number {
  let total = 0;
  for (const item of items) {
    total += amountOf(item);
  }
  return total;
}
