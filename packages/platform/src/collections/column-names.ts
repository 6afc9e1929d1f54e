/** Every key of the rows, in order of first appearance, so sparse rows still line up. */
export function columnNames(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) names.add(key);
  return [...names];
}
