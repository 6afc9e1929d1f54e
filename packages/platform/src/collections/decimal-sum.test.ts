import { describe, expect, it } from "vitest";
import { sumDecimals } from "./decimal-sum.js";

const identity = (amount: number) => amount;

describe("sumDecimals", () => {
  it("adds decimals of up to six places exactly, where adding doubles drifts", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals([0.1, 0.2], identity)).toBe(0.3);
    expect(sumDecimals([1234.5, 0.25, 0.25], identity)).toBe(1235);
    expect(
      sumDecimals(
        Array.from({ length: 10 }, () => 0.1),
        identity,
      ),
    ).toBe(1);
    expect(sumDecimals([999_999_999.000001, 1234.5], identity)).toBe(1_000_001_233.500001);
  });

  it("adds whole numbers as integers and nothing as 0", () => {
    expect(sumDecimals([999_999_999_999, 999_999_999_999], identity)).toBe(1_999_999_999_998);
    expect(sumDecimals([], identity)).toBe(0);
  });

  it("reads each amount through the accessor", () => {
    expect(sumDecimals([{ shares: 0.7 }, { shares: 0.1 }], (row) => row.shares)).toBe(0.8);
  });
});
