const encodedRowsMarker = Symbol.for("@spine/platform.encoded-rows");

/**
 * Rows a backend encoded for its own bulk insert ahead of time (SqlCapabilities.holdRows): a loader
 * reading far ahead of its inserts keeps a few buffers instead of a million small values, which
 * would otherwise live long enough to be copied by every young-generation collection. Only the
 * backend that encoded them reads them.
 */
export interface EncodedRows {
  readonly [encodedRowsMarker]: true;
  /** How many rows the chunks hold. */
  readonly rowCount: number;
  readonly chunks: readonly Uint8Array[];
}

/** Wraps chunks a backend encoded; `rowCount` rows in all. */
export function createEncodedRows(chunks: readonly Uint8Array[], rowCount: number): EncodedRows {
  return { [encodedRowsMarker]: true, rowCount, chunks };
}

/** True for rows encoded ahead by a backend (see {@link EncodedRows}). */
export function isEncodedRows(rows: unknown): rows is EncodedRows {
  return typeof rows === "object" && rows !== null && encodedRowsMarker in rows;
}

/** Rows a loader holds until their insert: as they are, or encoded by their backend. */
export type HeldRows = ReadonlyArray<readonly unknown[]> | EncodedRows;

/** How many rows a held part holds. */
export function heldRowCount(rows: HeldRows): number {
  return isEncodedRows(rows) ? rows.rowCount : rows.length;
}

/**
 * Held parts as one for a single bulkInsert: encoded parts are joined chunk by chunk, arrays of
 * rows concatenated. Parts of one loader are all of one kind (its backend's).
 */
export function joinHeldRows(parts: readonly HeldRows[]): HeldRows {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const encoded = parts.filter(isEncodedRows);
  if (encoded.length === 0) return (parts as ReadonlyArray<ReadonlyArray<readonly unknown[]>>).flat();
  if (encoded.length !== parts.length)
    throw new TypeError("joinHeldRows: encoded rows cannot be joined with plain ones");
  return createEncodedRows(
    encoded.flatMap((part) => part.chunks),
    encoded.reduce((sum, part) => sum + part.rowCount, 0),
  );
}
