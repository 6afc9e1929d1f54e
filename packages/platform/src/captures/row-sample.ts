/**
 * A sample keeps between this many and twice as many rows (all rows of a smaller capture); 4,096
 * rows estimate a 90% share within about half a percentage point.
 */
export const ROW_SAMPLE_TARGET = 4_096;

/** A capture's rows reduced to the hashes of those whose hash has `level` low zero bits. */
export interface RowSample {
  readonly level: number;
  /** Every row of the capture, sampled or not (rows with a NULL compared value included). */
  readonly rowCount: number;
  readonly hashes: Uint32Array;
}

// FNV-1a over UTF-16 code units, then murmur3's finalizer so the low bits (the sampling bits)
// depend on every character.
export function rowHash(text: string): number {
  return finalHash(hashText(0x811c9dc5, text));
}

function finalHash(fnv: number): number {
  let hash = fnv ^ (fnv >>> 16);
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

// Shared by rowHash and rowValuesHash, so a row hashed field by field and the same row joined into
// one text give one hash.
function hashText(hash: number, text: string): number {
  let next = hash;
  for (let index = 0; index < text.length; index += 1) {
    next ^= text.charCodeAt(index);
    next = Math.imul(next, 0x01000193);
  }
  return next;
}

/**
 * The {@link rowHash} of a row's compared values joined by `\u0000` (no FINRA field holds it),
 * computed without building the joined text (a million rows of ingest: 0.2 s of string building and
 * its garbage), or null when one is NULL: such a row never matches, as SQL equality would have it.
 */
export function rowValuesHash(values: readonly unknown[], positions?: readonly number[]): number | null {
  let hash = 0x811c9dc5;
  let first = true;
  for (const position of positions ?? values.keys()) {
    const value = values[position];
    if (value === null || value === undefined) return null;
    // The separator's code unit is 0: XOR with it leaves the hash as it is, then one multiply.
    if (!first) hash = Math.imul(hash, 0x01000193);
    first = false;
    hash = hashText(hash, typeof value === "string" ? value : String(value));
  }
  return finalHash(hash);
}

const keeps = (hash: number, level: number) => level === 0 || (hash & (2 ** level - 1)) === 0;

/**
 * Collects a sample of a capture's rows, read once in any order: `addHash` each row's
 * {@link rowValuesHash} (null when one of its compared values is NULL: such a row never matches, as
 * in SQL), or `add` its compared values already joined as one text.
 * The level rises (halving the kept hashes) whenever more than twice {@link ROW_SAMPLE_TARGET} are
 * kept, so the row count need not be known up front and memory stays bounded.
 */
export function createRowSampler() {
  let level = 0;
  let kept: number[] = [];
  let seen = 0;
  const addHash = (hash: number | null): void => {
    seen += 1;
    if (hash === null || !keeps(hash, level)) return;
    kept.push(hash);
    if (kept.length <= 2 * ROW_SAMPLE_TARGET) return;
    level += 1;
    kept = kept.filter((value) => keeps(value, level));
  };
  return {
    add: (key: string | null): void => addHash(key === null ? null : rowHash(key)),
    addHash,
    finish(): RowSample {
      return { level, rowCount: seen, hashes: Uint32Array.from(kept) };
    },
  };
}

function countsAt(sample: RowSample, level: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const hash of sample.hashes) if (keeps(hash, level)) counts.set(hash, (counts.get(hash) ?? 0) + 1);
  return counts;
}

/**
 * How many of `capture`'s rows `candidate` holds as well (each candidate row pairing with at most
 * one row), estimated from the two samples at the coarser of their levels: exact when both kept
 * every row, else the sampled matches scaled by the sampling rate (hash sampling keeps equal rows
 * on both sides together, so the estimate is unbiased).
 */
export function estimateMatchingRows(capture: RowSample, candidate: RowSample): number {
  const level = Math.max(capture.level, candidate.level);
  const wanted = countsAt(capture, level);
  let matching = 0;
  for (const [hash, count] of countsAt(candidate, level)) matching += Math.min(count, wanted.get(hash) ?? 0);
  return matching * 2 ** level;
}

/** A sample as stored: its hashes as base64 of their little-endian bytes. */
export function encodeSampleHashes(hashes: Uint32Array): string {
  const bytes = Buffer.alloc(hashes.length * 4);
  for (const [index, hash] of hashes.entries()) bytes.writeUInt32LE(hash, index * 4);
  return bytes.toString("base64");
}

/** The hashes of a stored sample (see {@link encodeSampleHashes}). */
export function decodeSampleHashes(text: string): Uint32Array {
  const bytes = Buffer.from(text, "base64");
  const hashes = new Uint32Array(bytes.length / 4);
  for (let index = 0; index < hashes.length; index += 1) hashes[index] = bytes.readUInt32LE(index * 4);
  return hashes;
}
