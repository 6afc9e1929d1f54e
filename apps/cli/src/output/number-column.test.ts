import { describe, expect, it } from "vitest";
import { formatNumberColumn, isNumberColumn } from "./number-column.js";

describe("unit", () => {
  describe("formatNumberColumn", () => {
    it("groups thousands in whole numbers, bigints included", () => {
      expect(formatNumberColumn([1500, 7, 1234567, 12345678901234567890n])).toEqual([
        "1,500",
        "7",
        "1,234,567",
        "12,345,678,901,234,567,890",
      ]);
    });

    it("gives a column one number of decimals, enough for its smallest fraction", () => {
      expect(formatNumberColumn([0.8218839348070724, 0.0012, 1])).toEqual(["0.82188", "0.00120", "1.00000"]);
      expect(formatNumberColumn([4313689.5, 12.25])).toEqual(["4,313,689.50", "12.25"]);
      expect(formatNumberColumn([0.000012345678, null])).toEqual(["0.000012", ""]);
    });

    it("shows every decimal of a fractional share quantity, up to six", () => {
      expect(formatNumberColumn([1234.5, 10.000001, 700])).toEqual([
        "1,234.500000",
        "10.000001",
        "700.000000",
      ]);
    });
  });

  describe("isNumberColumn", () => {
    it("is true only when every present value is a number", () => {
      expect(isNumberColumn([1, null, 2n])).toBe(true);
      expect(isNumberColumn([1, "2"])).toBe(false);
      expect(isNumberColumn([null])).toBe(false);
    });
  });
});
