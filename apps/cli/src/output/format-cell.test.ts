import { describe, expect, it } from "vitest";
import { formatCell } from "./format-cell.js";

describe("unit", () => {
  describe("formatCell", () => {
    it("renders null and undefined as empty cells", () => {
      expect(formatCell(null)).toBe("");
      expect(formatCell(undefined)).toBe("");
    });

    it("shortens floats to at most six decimals", () => {
      expect(formatCell(1234.567891234)).toBe("1234.567891");
      expect(formatCell(0.1 + 0.2)).toBe("0.3");
      expect(formatCell(0.000012345678)).toBe("0.0000123457");
    });

    it("keeps integers, booleans and strings as they are", () => {
      expect(formatCell(42)).toBe("42");
      expect(formatCell(true)).toBe("true");
      expect(formatCell("a b")).toBe("a b");
    });

    it("renders objects as JSON", () => {
      expect(formatCell({ tier: "OTC" })).toBe('{"tier":"OTC"}');
    });
  });
});
