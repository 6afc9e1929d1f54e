import { describe, expect, it } from "vitest";
import { parseShareQuantity } from "./parse-share-quantity.js";

describe("unit", () => {
  it.each([
    "1.2345678",
    "0.0000001",
    "1234567890.123456",
  ])("refuses %j as TOO_PRECISE: its sums could not stay exact, and it is never rounded", (text) => {
    expect(parseShareQuantity(text)).toEqual({ ok: false, issues: ["TOO_PRECISE"] });
  });

  it("refuses a fractional quantity beyond the largest count as TOO_LARGE", () => {
    expect(parseShareQuantity("1000000000000.5")).toEqual({ ok: false, issues: ["TOO_LARGE"] });
  });

  it.each(["12.5a", "1.2.3", ".5", "1e-3", "-0.5"])("refuses %j as a count would", (text) => {
    expect(parseShareQuantity(text).ok).toBe(false);
  });

  it.each([
    ["1234.5", 1234.5],
    ["0.000001", 0.000001],
    ["1,234.25", 1234.25],
    ["999999999.123456", 999_999_999.123456],
    ["100.500000", 100.5],
    ["100.00", 100],
    ["42", 42],
    ["123456789012.5", 123_456_789_012.5],
  ])("accepts %j as %d", (text, expected) => {
    expect(parseShareQuantity(text)).toEqual({ ok: true, value: expected });
  });
});
