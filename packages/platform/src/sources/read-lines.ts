import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { readingSource, sourceReadError } from "./source-read-error.js";

// 64 KB reads keep every string a batch makes under V8's large-object threshold (128 KB): a larger
// string gets freshly mapped pages of its own, and the page faults, with the GC of rows that
// outlive a young generation, cost a 1 MB-read ingest of a million rows 3 s more CPU time.
const readBytes = 1 << 16;

/**
 * Streams a text file as batches of lines (one batch per 64 KB read), so a million-line file costs
 * about a thousand awaits instead of a million. Lines end at LF, CRLF or a lone CR, as with
 * readline; a missing final newline still ends the last line, and a UTF-8 BOM is stripped.
 */
export async function* readLineBatches(path: string): AsyncGenerator<string[]> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: readBytes });
  let rest = "";
  let first = true;
  try {
    for await (const chunk of stream) {
      let text = rest + (chunk as string);
      if (first) text = text.replace(/^\uFEFF/, "");
      first = false;
      // A CR at the very end may be the first half of a CRLF split across two reads: keep it back.
      const held = text.endsWith("\r") ? 1 : 0;
      const lines = splitLines(held === 0 ? text : text.slice(0, -1));
      rest = (lines.pop() ?? "") + (held === 0 ? "" : "\r");
      yield lines;
    }
    // A held CR ends its line, which then counts even when empty, as an empty line before an LF does.
    if (rest.endsWith("\r")) yield [rest.slice(0, -1)];
    else if (rest !== "") yield [rest];
  } catch (error) {
    throw sourceReadError(path, error);
  } finally {
    stream.destroy();
  }
}

// Most files have no CR at all, and a plain split on LF is several times faster than the pattern.
/** The same lines one at a time, for readers that stop early (source identification). */
export async function* readLines(path: string): AsyncGenerator<string> {
  for await (const batch of readLineBatches(path)) yield* batch;
}

function splitLines(text: string): string[] {
  return text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
}

/** A piece of a file that ends where a line ends (or at the end of the file), and where it starts in the file. */
export interface LineAlignedChunk {
  readonly data: Buffer;
  readonly offset: number;
}

// Where the last complete line ending in `data` ends. A CR is complete only when a byte follows it,
// because that byte may be the LF of a CRLF.
function endOfLastLine(data: Buffer): number {
  const lineFeed = data.lastIndexOf(0x0a);
  if (lineFeed >= 0) return lineFeed + 1;
  const carriageReturn = data.lastIndexOf(0x0d);
  return carriageReturn >= 0 && carriageReturn < data.length - 1 ? carriageReturn + 1 : 0;
}

/**
 * Reads a file as raw bytes in chunks of about `chunkBytes` that end at line endings (LF, CRLF or
 * a lone CR, as readLineBatches splits), so every line lies whole inside one chunk.
 */
export async function* readLineAlignedChunks(
  path: string,
  chunkBytes = 8 << 20,
): AsyncGenerator<LineAlignedChunk> {
  const file = await readingSource(path, () => open(path, "r"));
  try {
    let carried = Buffer.alloc(0);
    let offset = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await readingSource(path, () => file.read(buffer, 0, chunkBytes, null));
      const data =
        carried.length === 0
          ? buffer.subarray(0, bytesRead)
          : Buffer.concat([carried, buffer.subarray(0, bytesRead)]);
      if (bytesRead === 0) {
        if (data.length > 0) yield { data, offset };
        return;
      }
      const end = endOfLastLine(data);
      if (end > 0) {
        yield { data: data.subarray(0, end), offset };
        offset += end;
      }
      carried = data.subarray(end);
    }
  } finally {
    await file.close();
  }
}
