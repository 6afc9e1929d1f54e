import { describe, expect, it } from "vitest";
import { detectDelimiter } from "./delimiter.js";

describe("unit", () => {
  it("defaults to a pipe when no candidate occurs", () => {
    expect(detectDelimiter("Symbol")).toBe("|");
  });

  it("ignores delimiters inside quotes", () => {
    // Outside quotes: 2 pipes; inside the quoted name: 3 commas.
    expect(detectDelimiter('"a,b,c,d"|MPID|Symbol')).toBe("|");
  });

  it("detects pipe, comma and tab headers", () => {
    expect(detectDelimiter("tierDescription|issueSymbolIdentifier|MPID")).toBe("|");
    expect(detectDelimiter("weekStartDate,tierIdentifier,MPID")).toBe(",");
    expect(detectDelimiter("WeekEnding\tTier\tSymbol")).toBe("\t");
  });

  it("prefers the pipe on a tie", () => {
    expect(detectDelimiter("a|b,c")).toBe("|");
  });
});
