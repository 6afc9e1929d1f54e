import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { SpineError } from "../errors/spine-error.js";

/** Fails with a `SOURCE` error naming the path unless it is a readable file. */
export async function assertReadableFile(path: string): Promise<void> {
  const stats = await stat(path).catch((error: unknown) => {
    throw new SpineError("SOURCE", `Cannot read source file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  if (!stats.isFile()) throw new SpineError("SOURCE", `Source path ${path} is not a file.`);
}

/**
 * The hex sha256 of a file, streamed in 1 MB reads: a source's fingerprint, so a stage can tell
 * an unchanged file from a republication without holding it in memory.
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
