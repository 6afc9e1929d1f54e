import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLineAlignedChunks, readLineBatches } from "./read-lines.js";

function fileWith(content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), "spine-lines-")), "file.csv");
  writeFileSync(path, content);
  return path;
}

async function linesOf(content: string | Buffer): Promise<string[]> {
  const path = fileWith(content);
  const lines: string[] = [];
  for await (const batch of readLineBatches(path)) lines.push(...batch);
  return lines;
}

describe("unit", () => {
  it("splits LF and CRLF lines and keeps a last line without a newline", async () => {
    expect(await linesOf("a|b\r\nc|d\ne|f")).toEqual(["a|b", "c|d", "e|f"]);
  });

  it("ends lines at a lone CR too, as readline does, so no row is merged into another", async () => {
    expect(await linesOf("h1|h2\ra|b\rc|d\r")).toEqual(["h1|h2", "a|b", "c|d"]);
    expect(await linesOf("a|b\rc|d\ne|f\r\ng|h")).toEqual(["a|b", "c|d", "e|f", "g|h"]);
  });

  it("keeps a CRLF split across two 1 MB reads as one line break", async () => {
    const first = "x".repeat((1 << 20) - 1);
    const lines = await linesOf(`${first}\r\nsecond\r\nthird`);
    expect(lines.map((line) => line.length)).toEqual([first.length, 6, 5]);
    expect(lines.slice(1)).toEqual(["second", "third"]);
  });

  it("strips a UTF-8 byte order mark from the first line only", async () => {
    expect(await linesOf("\uFEFFh1|h2\n\uFEFFx\n")).toEqual(["h1|h2", "\uFEFFx"]);
  });

  it("keeps blank lines and yields nothing for an empty file", async () => {
    expect(await linesOf("a\n\n\nb\n")).toEqual(["a", "", "", "b"]);
    expect(await linesOf("")).toEqual([]);
  });

  it("keeps a last blank line ended by a lone CR, as one ended by an LF", async () => {
    expect(await linesOf("a\r\r")).toEqual(["a", ""]);
    expect(await linesOf("a\n\r")).toEqual(["a", ""]);
    expect(await linesOf("a\n\n")).toEqual(["a", ""]);
    expect(await linesOf("\r")).toEqual([""]);
  });

  it("reads chunks that end at line endings and together hold the file, whatever the chunk size", async () => {
    const content = Buffer.from("a|b\r\nc\rd\n\n\ré|f\r\r\nlast", "utf8");
    const path = fileWith(content);
    for (const chunkBytes of [1, 2, 3, 5, 8, 1 << 20]) {
      const chunks: Buffer[] = [];
      let offset = 0;
      for await (const chunk of readLineAlignedChunks(path, chunkBytes)) {
        expect(chunk.offset).toBe(offset);
        offset += chunk.data.length;
        chunks.push(Buffer.from(chunk.data));
      }
      expect(Buffer.concat(chunks)).toEqual(content);
      // Every chunk but the last ends with LF, or with CR when no LF can follow it.
      for (const [index, chunk] of chunks.slice(0, -1).entries()) {
        const last = chunk[chunk.length - 1];
        const following = chunks[index + 1]?.[0];
        expect(last === 0x0a || (last === 0x0d && following !== 0x0a), `chunk size ${chunkBytes}`).toBe(true);
      }
    }
  });

  it("keeps multi-byte characters and lines whole across 1 MB read boundaries", async () => {
    const line = `${"é".repeat(333)}|Société Générale|${"x".repeat(7)}`;
    const content = Array.from({ length: 4000 }, (_, index) => `${index}|${line}`).join("\n");
    const lines = await linesOf(Buffer.from(content, "utf8"));
    expect(lines).toHaveLength(4000);
    expect(lines.every((text, index) => text === `${index}|${line}`)).toBe(true);
  });
});
