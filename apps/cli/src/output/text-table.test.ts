import { describe, expect, it } from "vitest";
import { formatTextTable } from "./text-table.js";

describe("unit", () => {
  describe("formatTextTable", () => {
    it("prints the empty message when there are no rows", () => {
      expect(formatTextTable([], { emptyMessage: "nothing" })).toBe("nothing\n");
    });

    it("aligns columns and right-aligns numbers", () => {
      const text = formatTextTable([
        { symbol: "AAPL", volume: 1500 },
        { symbol: "A", volume: 7 },
      ]);
      expect(text).toBe(
        ["symbol  volume", "------  ------", "AAPL      1500", "A            7", ""].join("\n"),
      );
    });

    it("unions the keys of sparse rows", () => {
      const text = formatTextTable([{ a: 1 }, { b: "x" }]);
      expect(text.split("\n")[0]).toBe("a  b");
    });
  });
});
