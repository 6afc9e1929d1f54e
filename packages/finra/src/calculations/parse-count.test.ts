import { describe, expect, it } from "vitest";
import { isCanonicalCount, parseCount } from "./parse-count.js";

describe("unit", () => {
  it.each([
    "",
    "  ",
    "12a",
    "abc",
    "1e5",
    "1E3",
    "12.5",
    "0.01",
    "1,23",
    "12,3456",
    "+5",
    "--1",
    "1 000",
    "NaN",
  ])("rejects %j as INVALID", (text) => {
    expect(parseCount(text)).toEqual({ ok: false, issues: ["INVALID"] });
  });

  it("rejects a number beyond the safe integer range", () => {
    expect(parseCount("99999999999999999999")).toEqual({ ok: false, issues: ["INVALID"] });
  });

  it.each([
    "1000000000000",
    "999,999,999,999,999",
    "999999999999999",
  ])("rejects %j as TOO_LARGE: sums of such counts leave 64-bit integers (issue #13, failure 9)", (text) => {
    expect(parseCount(text)).toEqual({ ok: false, issues: ["TOO_LARGE"] });
  });

  it("accepts the largest count, 999,999,999,999", () => {
    expect(parseCount("999999999999")).toEqual({ ok: true, value: 999_999_999_999 });
  });

  it.each(["-1", "-1,000", " -7 "])("rejects %j as NEGATIVE", (text) => {
    expect(parseCount(text)).toEqual({ ok: false, issues: ["NEGATIVE"] });
  });

  it.each([
    ["0", 0],
    ["-0", 0],
    ["42", 42],
    [" 42 ", 42],
    ["1,234", 1234],
    ["12,345,678", 12345678],
    ["007", 7],
    ["100.00", 100],
  ])("accepts %j as %d", (text, expected) => {
    expect(parseCount(text)).toEqual({ ok: true, value: expected });
  });

  it("accepts only canonical whole numbers of at most 12 digits as clean counts", () => {
    for (const text of ["0", "7", "120", "999999999999"]) expect(isCanonicalCount(text)).toBe(true);
    for (const text of [
      "",
      "00",
      "007",
      "-1",
      "+1",
      " 1",
      "1 ",
      "1.0",
      "1,000",
      "1e3",
      "٣",
      "1000000000000000",
      "1000000000000",
      "999999999999999",
    ])
      expect(isCanonicalCount(text), text).toBe(false);
  });
});
