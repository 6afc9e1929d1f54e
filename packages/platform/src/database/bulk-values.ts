/** Drivers reject booleans and undefined; normalise values once here for every backend. */
export function toSqlValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** Groups rows into arrays of at most `size`, from sync or async sources, without buffering more. */
export async function* chunkRows(
  rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
  size: number,
): AsyncGenerator<Array<readonly unknown[]>> {
  let chunk: Array<readonly unknown[]> = [];
  // A sync source is walked without an await per row: on a million rows that await costs seconds.
  if (Symbol.iterator in rows) {
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
    return;
  }
  for await (const row of rows) {
    chunk.push(row);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
