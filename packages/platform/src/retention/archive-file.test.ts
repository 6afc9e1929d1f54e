import { appendFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isSpineError } from "../errors/spine-error.js";
import type { ArchiveHeader } from "./archive-file.js";
import { readArchiveLines, verifyArchiveFile, writeArchiveFile } from "./archive-file.js";

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function scratch(): string {
  const directory = mkdtempSync(join(tmpdir(), "spine-archive-"));
  directories.push(directory);
  return directory;
}

const header: ArchiveHeader = {
  format: "spine-raw-archive",
  version: 1,
  domain: "demo",
  captureId: "ingest:demo:1",
  tables: [{ name: "demo_raw", columns: ["capture_id", "line_number", "text"], rowCount: 2 }],
};
const rows = [
  ["ingest:demo:1", 2, "a|b\ttab \\ backslash"],
  ["ingest:demo:1", 3, null],
];

async function* fromArray(values: readonly (readonly unknown[])[]) {
  yield* values;
}

async function caughtCode(work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    return isSpineError(error) ? error.code : String(error);
  }
  return null;
}

describe("archive files", () => {
  it("refuses a missing file (NOT_FOUND) and an altered one (STORAGE)", async () => {
    const directory = scratch();
    const written = await writeArchiveFile(directory, header, fromArray(rows));
    const path = join(directory, written.file);
    expect(
      await caughtCode(() => verifyArchiveFile(join(directory, "gone.jsonl.gz"), written.sha256, "c")),
    ).toBe("NOT_FOUND");
    appendFileSync(path, "x");
    expect(await caughtCode(() => verifyArchiveFile(path, written.sha256, "c"))).toBe("STORAGE");
  });

  it("names the file by its sha256, leaves no partial file, and reads back the same values", async () => {
    const directory = scratch();
    const written = await writeArchiveFile(directory, header, fromArray(rows));
    expect(written.file).toBe(`${written.sha256}.jsonl.gz`);
    expect(readdirSync(directory)).toEqual([written.file]);
    await verifyArchiveFile(join(directory, written.file), written.sha256, header.captureId);
    const lines = [];
    for await (const line of readArchiveLines(join(directory, written.file))) lines.push(line);
    expect(lines).toEqual([header, ...rows]);
    const again = await writeArchiveFile(scratch(), header, fromArray(rows));
    expect(again.sha256).toBe(written.sha256);
  });
});
