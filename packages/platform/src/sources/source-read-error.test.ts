import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isSpineError, SpineError } from "../errors/spine-error.js";
import { readLines } from "./read-lines.js";
import { sha256File } from "./source-file.js";
import { sourceReadError } from "./source-read-error.js";

describe("unit", () => {
  it("turns a file system failure into the SOURCE error naming the path (issue #13, failure 7)", () => {
    const raw = Object.assign(new Error("EACCES: permission denied, open '/data/x.csv'"), { code: "EACCES" });
    const wrapped = sourceReadError("/data/x.csv", raw);
    expect(isSpineError(wrapped, "SOURCE")).toBe(true);
    expect((wrapped as SpineError).message).toBe(
      "Cannot read source file /data/x.csv: permission denied (EACCES).",
    );
    expect((wrapped as SpineError).details).toEqual({ path: "/data/x.csv", systemCode: "EACCES" });
  });

  it("leaves SpineErrors and bugs alone", () => {
    const own = new SpineError("SOURCE", "bad header");
    expect(sourceReadError("/x", own)).toBe(own);
    const bug = new TypeError("undefined is not a function");
    expect(sourceReadError("/x", bug)).toBe(bug);
  });

  it.skipIf(process.getuid?.() === 0)(
    "reports an unreadable file as SOURCE when reading and hashing",
    async () => {
      const directory = mkdtempSync(join(tmpdir(), "spine-unreadable-"));
      const path = join(directory, "locked.csv");
      writeFileSync(path, "a|b\n");
      chmodSync(path, 0o000);
      await expect(sha256File(path)).rejects.toMatchObject({ code: "SOURCE", details: { path } });
      const reading = (async () => {
        for await (const _line of readLines(path)) void _line;
      })();
      await expect(reading).rejects.toMatchObject({ code: "SOURCE", details: { path } });
    },
  );
});
