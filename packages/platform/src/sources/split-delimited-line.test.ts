import { describe, expect, it } from "vitest";
import { splitDelimitedLine } from "./split-delimited-line.js";

describe("unit", () => {
  it("keeps the rest of the line in an unterminated quoted field", () => {
    expect(splitDelimitedLine('A|"open|ended', "|")).toEqual(["A", "open|ended"]);
  });

  it("splits a plain line", () => {
    expect(splitDelimitedLine("OTC|AAPL|Apple Inc.|100", "|")).toEqual(["OTC", "AAPL", "Apple Inc.", "100"]);
  });

  it("trims a trailing carriage return from CRLF lines", () => {
    expect(splitDelimitedLine("a|b|c\r", "|")).toEqual(["a", "b", "c"]);
  });

  it("drops a leading byte order mark", () => {
    expect(splitDelimitedLine("\uFEFFa|b", "|")).toEqual(["a", "b"]);
  });

  it("keeps the delimiter inside quotes and unescapes doubled quotes", () => {
    expect(splitDelimitedLine('X|"Foo | Bar ""Class A"""|1', "|")).toEqual(["X", 'Foo | Bar "Class A"', "1"]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(splitDelimitedLine("|a||", "|")).toEqual(["", "a", "", ""]);
  });

  it("returns one empty field for an empty line", () => {
    expect(splitDelimitedLine("", ",")).toEqual([""]);
  });

  it("splits on commas and tabs", () => {
    expect(splitDelimitedLine('"1,234",b', ",")).toEqual(["1,234", "b"]);
    expect(splitDelimitedLine("a\tb", "\t")).toEqual(["a", "b"]);
  });
});
