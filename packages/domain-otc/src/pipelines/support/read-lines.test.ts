import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLineBatches } from "./read-lines.js";

async function linesOf(content: string | Buffer): Promise<string[]> {
  const path = join(mkdtempSync(join(tmpdir(), "spine-lines-")), "file.csv");
  writeFileSync(path, content);
  const lines: string[] = [];
  for await (const batch of readLineBatches(path)) lines.push(...batch);
  return lines;
}

describe("unit", () => {
  it("splits LF and CRLF lines and keeps a last line without a newline", async () => {
    expect(await linesOf("a|b\r\nc|d\ne|f")).toEqual(["a|b", "c|d", "e|f"]);
  });

  it("strips a UTF-8 byte order mark from the first line only", async () => {
    expect(await linesOf("\uFEFFh1|h2\n\uFEFFx\n")).toEqual(["h1|h2", "\uFEFFx"]);
  });

  it("keeps blank lines and yields nothing for an empty file", async () => {
    expect(await linesOf("a\n\n\nb\n")).toEqual(["a", "", "", "b"]);
    expect(await linesOf("")).toEqual([]);
  });

  it("keeps multi-byte characters and lines whole across 1 MB read boundaries", async () => {
    const line = `${"é".repeat(333)}|Société Générale|${"x".repeat(7)}`;
    const content = Array.from({ length: 4000 }, (_, index) => `${index}|${line}`).join("\n");
    const lines = await linesOf(Buffer.from(content, "utf8"));
    expect(lines).toHaveLength(4000);
    expect(lines.every((text, index) => text === `${index}|${line}`)).toBe(true);
  });
});
