import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertReadableFile, sha256File } from "./source-file.js";

describe("unit", () => {
  it("fingerprints a file with the sha256 of its bytes", async () => {
    const directory = mkdtempSync(join(tmpdir(), "spine-source-file-"));
    const path = join(directory, "week.csv");
    const content = "a|b\n".repeat(300_000);
    writeFileSync(path, content);
    expect(await sha256File(path)).toBe(createHash("sha256").update(content).digest("hex"));
    await expect(assertReadableFile(path)).resolves.toBeUndefined();
  });

  it("refuses a missing path and a folder with SOURCE errors naming the path", async () => {
    const directory = mkdtempSync(join(tmpdir(), "spine-source-file-"));
    await expect(assertReadableFile(join(directory, "none.csv"))).rejects.toMatchObject({
      code: "SOURCE",
      message: expect.stringContaining("none.csv"),
    });
    await expect(assertReadableFile(directory)).rejects.toThrow(/is not a file/);
  });
});
