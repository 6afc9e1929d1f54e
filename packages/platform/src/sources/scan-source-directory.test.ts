import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineHeaderSpec } from "./header-spec.js";
import { readSourceStart } from "./read-source-start.js";
import { scanSourceDirectory } from "./scan-source-directory.js";

const spec = defineHeaderSpec({
  columns: {
    week: { aliases: ["WeekEnding"], required: true },
    symbol: { aliases: ["Symbol"], required: true },
  },
});

const identification = {
  identifyByName: (name: string) => {
    const match = /^data_(\d{4}-\d{2}-\d{2})\.csv$/.exec(name);
    return match ? { week: match[1] ?? "", by: "name" } : null;
  },
  identifyByContent: async (path: string) => {
    const { header, firstRow } = await readSourceStart(path, spec);
    const week = firstRow?.fields[header.columns.week];
    return week ? { week, by: "content" } : null;
  },
};

describe("unit", () => {
  it("identifies files by name, else by content, and lists the rest as ignored", async () => {
    const directory = mkdtempSync(join(tmpdir(), "spine-scan-"));
    writeFileSync(join(directory, "data_2025-12-12.csv"), "not even a header\n");
    writeFileSync(join(directory, "week_2025-12-19.psv"), "\n\nSymbol|WeekEnding\nshort\nAAAA|2025-12-19\n");
    writeFileSync(join(directory, "README.md"), "notes\n");
    writeFileSync(join(directory, "empty.csv"), "");
    writeFileSync(join(directory, "header-only.csv"), "WeekEnding|Symbol\n");
    mkdirSync(join(directory, "nested"));
    const scanned = await scanSourceDirectory(directory, identification);
    expect(scanned).toEqual({
      ok: true,
      value: {
        directory,
        files: [
          {
            week: "2025-12-12",
            by: "name",
            fileName: "data_2025-12-12.csv",
            path: join(directory, "data_2025-12-12.csv"),
          },
          {
            week: "2025-12-19",
            by: "content",
            fileName: "week_2025-12-19.psv",
            path: join(directory, "week_2025-12-19.psv"),
          },
        ],
        ignored: ["README.md", "empty.csv", "header-only.csv"],
      },
    });
  });

  it("recognises by name only without a content identifier, and fails for an unreadable folder", async () => {
    const directory = mkdtempSync(join(tmpdir(), "spine-scan-"));
    writeFileSync(join(directory, "week_2025-12-19.psv"), "Symbol|WeekEnding\nAAAA|2025-12-19\n");
    const byName = await scanSourceDirectory(directory, { identifyByName: identification.identifyByName });
    expect(byName.ok && byName.value.ignored).toEqual(["week_2025-12-19.psv"]);
    const missing = await scanSourceDirectory(join(directory, "none"), identification);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.issues[0]).toContain("ENOENT");
  });
});

describe("a single file (issue #14, item 2: `spine load <file>`)", () => {
  it("scans a path to one file as a folder holding only it", async () => {
    const directory = mkdtempSync(join(tmpdir(), "spine-scan-"));
    const path = join(directory, "week_2025-12-19.psv");
    writeFileSync(path, "Symbol|WeekEnding\nAAAA|2025-12-19\n");
    writeFileSync(join(directory, "data_2025-12-12.csv"), "beside it, not asked for\n");
    expect(await scanSourceDirectory(path, identification)).toEqual({
      ok: true,
      value: {
        directory,
        files: [{ week: "2025-12-19", by: "content", fileName: "week_2025-12-19.psv", path }],
        ignored: [],
      },
    });
    const other = join(directory, "README.md");
    writeFileSync(other, "notes\n");
    expect(await scanSourceDirectory(other, identification)).toEqual({
      ok: true,
      value: { directory, files: [], ignored: ["README.md"] },
    });
  });
});

describe("symbolic links (issue #13, failure 10)", () => {
  it("follows a link to a file and lists a broken link as ignored with the reason", async () => {
    const store = mkdtempSync(join(tmpdir(), "spine-scan-store-"));
    const directory = mkdtempSync(join(tmpdir(), "spine-scan-links-"));
    writeFileSync(join(store, "real.csv"), "x\n");
    symlinkSync(join(store, "real.csv"), join(directory, "data_2025-12-12.csv"));
    symlinkSync(join(store, "missing.csv"), join(directory, "data_2025-12-19.csv"));
    symlinkSync(store, join(directory, "folder-link"));
    const scanned = await scanSourceDirectory(directory, identification);
    expect(scanned.ok).toBe(true);
    if (!scanned.ok) return;
    expect(scanned.value.files).toEqual([
      {
        week: "2025-12-12",
        by: "name",
        fileName: "data_2025-12-12.csv",
        path: join(directory, "data_2025-12-12.csv"),
      },
    ]);
    expect(scanned.value.ignored).toEqual([
      "data_2025-12-19.csv (symbolic link to nothing readable: ENOENT)",
    ]);
  });
});
