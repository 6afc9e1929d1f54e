/**
 * Reads rows in ascending order of a numeric key, one page at a time by keyset: `readPage(after,
 * size)` returns up to `size` rows whose key is greater than `after`, ordered by the key. Pages
 * rather than a cursor: SQLite cannot write on a connection while a cursor is open, and callers
 * write as they read. The first page starts after 0.
 */
export async function* pageByKey<Row>(
  readPage: (after: number, size: number) => Promise<readonly Row[]>,
  keyOf: (row: Row) => number,
  size = 5_000,
): AsyncGenerator<readonly Row[]> {
  let after = 0;
  for (;;) {
    const page = await readPage(after, size);
    const last = page[page.length - 1];
    if (last === undefined) return;
    yield page;
    after = keyOf(last);
  }
}
