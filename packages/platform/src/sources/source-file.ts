import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { access, open, stat } from "node:fs/promises";
import { SpineError } from "../errors/spine-error.js";
import { readingSource, sourceReadError } from "./source-read-error.js";

const readBytes = 1 << 20;

/** Fails with a `SOURCE` error naming the path unless it is a readable file. */
export async function assertReadableFile(path: string): Promise<void> {
  const stats = await stat(path).catch((error: unknown) => {
    throw sourceReadError(path, error);
  });
  if (!stats.isFile()) throw new SpineError("SOURCE", `Source path ${path} is not a file.`);
  await readingSource(path, () => access(path, constants.R_OK));
}

/**
 * The hex sha256 of a file, read 1 MB at a time into one reused buffer: a source's fingerprint,
 * so a stage can tell an unchanged file from a republication without holding it in memory.
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  const file = await readingSource(path, () => open(path, "r"));
  try {
    // One buffer for the whole file: a fresh 1 MB buffer per read (as a read stream allocates)
    // costs an 80 MB file three times the hashing itself, in page faults.
    const buffer = Buffer.allocUnsafeSlow(readBytes);
    for (;;) {
      const { bytesRead } = await readingSource(path, () => file.read(buffer, 0, readBytes, null));
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest("hex");
}
