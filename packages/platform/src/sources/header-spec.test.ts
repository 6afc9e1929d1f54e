import { describe, expect, it } from "vitest";
import { defineHeaderSpec, parseHeaderLine } from "./header-spec.js";

const spec = defineHeaderSpec({
  columns: {
    symbol: { aliases: ["issueSymbolIdentifier", "Symbol"], required: true },
    volume: { aliases: ["total_volume"], required: true },
    name: { aliases: ["issueName"] },
  },
});

describe("unit", () => {
  it("resolves columns in any order, case-insensitively, by the first alias present", () => {
    expect(spec.resolve(["\uFEFF TOTAL VOLUME ", "extra", "symbol", "IssueSymbolIdentifier"])).toEqual({
      ok: true,
      value: { fieldCount: 4, volume: 0, symbol: 3, name: null },
    });
  });

  it("fails naming every missing required column with its aliases", () => {
    expect(spec.resolve(["issueName"])).toEqual({
      ok: false,
      issues: [
        "header is missing required columns: symbol (issueSymbolIdentifier or Symbol), volume (total_volume)",
      ],
    });
  });

  it("keeps the first of two fields with the same name", () => {
    const resolved = spec.resolve(["Symbol", "total_volume", "symbol"]);
    expect(resolved.ok && resolved.value.symbol).toBe(0);
  });

  it("parses a header line with its delimiter, or throws a SOURCE error naming the path", () => {
    expect(parseHeaderLine(spec, "Symbol,total_volume", 2, "a.csv")).toEqual({
      delimiter: ",",
      columns: { fieldCount: 2, symbol: 0, volume: 1, name: null },
      lineNumber: 2,
    });
    expect(() => parseHeaderLine(spec, "Symbol|issueName", 1, "b.csv")).toThrow(
      /^b\.csv: header is missing required columns: volume/,
    );
  });
});
