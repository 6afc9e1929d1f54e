/**
 * Orders by UTF-16 code units, not locale, so sort order (and therefore ranks, ties and stored
 * output) is identical on every machine.
 */
export function compareText(left: string, right: string): number {
  if (left < right) {
    return -1;
  }
  return left > right ? 1 : 0;
}
