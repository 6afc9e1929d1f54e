import { describe, expect, it } from "vitest";
import { isBlankLine } from "./blank-line.js";

describe("unit", () => {
  it("treats data as not blank", () => {
    expect(isBlankLine("|")).toBe(false);
    expect(isBlankLine(" a ")).toBe(false);
  });

  it("treats empty, whitespace, a lone CR and a lone BOM as blank", () => {
    for (const line of ["", "   ", "\r", "\t\r", "\uFEFF"]) {
      expect(isBlankLine(line)).toBe(true);
    }
  });
});
