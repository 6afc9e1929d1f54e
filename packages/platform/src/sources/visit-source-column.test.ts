import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineHeaderSpec } from "./header-spec.js";
import { plainFieldAt, visitSourceColumn } from "./visit-source-column.js";
import { visitSourceRows } from "./visit-source-rows.js";

const spec = defineHeaderSpec({
  columns: { symbol: { aliases: ["symbol"] }, date: { aliases: ["lastUpdateDate"], optional: true } },
});

function sourceFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "visit-column-")), "week.psv");
  writeFileSync(path, text);
  return path;
}

describe("plainFieldAt", () => {
  it("finds a field of a plain line without splitting it", () => {
    expect(plainFieldAt("A|B|2025-11-03", "|", 2, 3)).toBe("2025-11-03");
    expect(plainFieldAt("A|B|2025-11-03", "|", 0, 3)).toBe("A");
    expect(plainFieldAt("A||C", "|", 1, 3)).toBeUndefined();
  });

  it("leaves every line it cannot be sure of to the full split", () => {
    expect(plainFieldAt('A|"B|C"|D', "|", 2, 3)).toBeUndefined();
    expect(plainFieldAt("A|B", "|", 1, 3)).toBeUndefined();
    expect(plainFieldAt("A|B|C|D", "|", 1, 3)).toBeUndefined();
    expect(plainFieldAt("A| B |C", "|", 1, 3)).toBeUndefined();
    expect(plainFieldAt("A|B|C\r", "|", 2, 3)).toBeUndefined();
  });
});

describe("visitSourceColumn", () => {
  it("sees every well-formed row's value exactly as visitSourceRows does", async () => {
    const path = sourceFile(
      [
        "symbol|other|lastUpdateDate",
        "AAAA|x|2025-11-03",
        "",
        'BBBB|"quoted|x"|2025-11-10',
        "CCCC|x| 2025-11-17 ",
        "DDDD|x",
        "EEEE|x|",
        "FFFF|x|2025-11-03|extra",
        "GGGG|x|2025-11-24",
      ].join("\n"),
    );
    const fromRows: string[] = [];
    await visitSourceRows(path, spec, (fields, header) => {
      fromRows.push(fields[header.columns.date ?? -1] ?? "");
    });
    const fromColumn: string[] = [];
    await visitSourceColumn(path, spec, "date", (value) => fromColumn.push(value));
    expect(fromColumn).toEqual(fromRows);
    expect(fromColumn).toEqual(["2025-11-03", "2025-11-10", " 2025-11-17 ", "", "2025-11-24"]);
  });

  it("visits nothing when the header lacks the column", async () => {
    const seen: string[] = [];
    await visitSourceColumn(sourceFile("symbol|other\nAAAA|x\n"), spec, "date", (value) => seen.push(value));
    expect(seen).toEqual([]);
  });
});
