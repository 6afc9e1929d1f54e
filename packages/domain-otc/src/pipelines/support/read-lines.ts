import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { SpineError } from "@spine/platform";

/**
 * Streams a text file line by line (never the whole file in memory). CRLF and a missing final
 * newline are handled by readline; a UTF-8 BOM is stripped from the first line.
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let first = true;
  try {
    for await (const line of lines) {
      yield first ? line.replace(/^\uFEFF/, "") : line;
      first = false;
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

/**
 * Streams a text file as batches of lines (one batch per ~1 MB read), so a million-line file costs
 * a few hundred awaits instead of a million. Lines end at LF; a CR before it is dropped (CRLF),
 * a missing final newline still ends the last line, and a UTF-8 BOM is stripped.
 */
export async function* readLineBatches(path: string): AsyncGenerator<string[]> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  let rest = "";
  let first = true;
  try {
    for await (const chunk of stream) {
      let text = rest + (chunk as string);
      if (first) text = text.replace(/^\uFEFF/, "");
      first = false;
      const lines = text.split("\n");
      rest = lines.pop() ?? "";
      for (let index = 0; index < lines.length; index += 1)
        lines[index] = withoutCarriageReturn(lines[index] ?? "");
      yield lines;
    }
    if (rest !== "") yield [withoutCarriageReturn(rest)];
  } finally {
    stream.destroy();
  }
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/** Fails with a SOURCE error naming the path unless it is a readable file. */
export async function assertReadableFile(path: string): Promise<void> {
  const stats = await stat(path).catch((error: unknown) => {
    throw new SpineError("SOURCE", `Cannot read source file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  if (!stats.isFile()) throw new SpineError("SOURCE", `Source path ${path} is not a file.`);
}

/** The hex sha256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
