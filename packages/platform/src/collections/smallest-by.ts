import { compareText } from "./compare-text.js";

/**
 * The byte-order-smallest non-null text per key, e.g. one spelling of a name reported several
 * ways (what SQL's min() over text gives in byte order). Keys without any text are absent.
 */
export function smallestTextBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  textOf: (item: T) => string | null,
): Map<string, string> {
  const smallest = new Map<string, string>();
  for (const item of items) {
    const [key, text] = [keyOf(item), textOf(item)];
    const known = smallest.get(key);
    if (text !== null && (known === undefined || compareText(text, known) < 0)) smallest.set(key, text);
  }
  return smallest;
}
