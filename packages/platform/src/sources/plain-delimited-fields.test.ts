import { describe, expect, it } from "vitest";
import { plainDelimitedFields } from "./plain-delimited-fields.js";
import { splitDelimitedLine } from "./split-delimited-line.js";

describe("unit", () => {
  it("returns the fields of a plain line, as the general split does", () => {
    const line = "OTC|AAAA|Alpha Inc|Venue One|VONE|100|2|2025-11-03";
    expect(plainDelimitedFields(line, "|", 8)).toEqual(splitDelimitedLine(line, "|"));
    expect(plainDelimitedFields("a,b c,d", ",", 3)).toEqual(["a", "b c", "d"]);
  });

  it("leaves every line it is not sure of to the general path", () => {
    for (const line of [
      'a|"b"|c',
      "a|b\u0000|c",
      "a|b|c\r",
      "\uFEFFa|b|c",
      "a|b",
      "a|b|c|d",
      "a||c",
      "a| b|c",
      "a|b\u00a0|c",
    ])
      expect(plainDelimitedFields(line, "|", 3), JSON.stringify(line)).toBeNull();
    expect(plainDelimitedFields("a|é|c", "|", 3)).toEqual(["a", "é", "c"]);
  });
});
