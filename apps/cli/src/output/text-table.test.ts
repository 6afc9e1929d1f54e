import { describe, expect, it } from "vitest";
import { formatTextTable } from "./text-table.js";

describe("unit", () => {
  describe("formatTextTable", () => {
    it("prints the empty message when there are no rows", () => {
      expect(formatTextTable([], { emptyMessage: "nothing" })).toBe("nothing\n");
    });

    it("aligns columns and right-aligns numbers with thousands separators", () => {
      const text = formatTextTable([
        { symbol: "AAPL", volume: 1500 },
        { symbol: "A", volume: 7 },
      ]);
      expect(text).toBe(
        ["symbol  volume", "------  ------", "AAPL     1,500", "A            7", ""].join("\n"),
      );
    });

    it("prints every column in full when no width is given (output piped)", () => {
      const text = formatTextTable([{ name: "x".repeat(300), share: 0.5 }]);
      expect(text.split("\n")[2]).toBe(`${"x".repeat(300)}  0.500`);
    });

    it("cuts the widest text column with an ellipsis to fit the terminal", () => {
      const rows = [
        { symbol: "AABB", issue_name: "Asia Broadband Incorporated Common Stock", volume: 1234567 },
      ];
      const lines = formatTextTable(rows, { width: 40 }).trimEnd().split("\n");
      expect(lines.every((line) => line.length <= 40)).toBe(true);
      expect(lines[2]).toBe("AABB    Asia Broadband Incor…  1,234,567");
    });

    it("prints blocks at once, nothing cut, when the table asks for vertical overflow", () => {
      const rows = [{ name: "as_of", description: "answer with what was knowable on this date" }];
      expect(formatTextTable(rows, { width: 30, overflow: "vertical" })).toBe(
        "-[ row 1 ]-\nname         as_of\ndescription  answer with what was knowable on this date\n",
      );
      expect(formatTextTable(rows, { width: 80, overflow: "vertical" }).split("\n")[0]).toBe(
        "name   description",
      );
    });

    it("prints one block per row when even cut text columns do not fit", () => {
      const row = Object.fromEntries(
        Array.from({ length: 12 }, (_, index) => [`column_${index}`, index * 1000]),
      );
      const text = formatTextTable([row, row], { width: 60 });
      expect(text.startsWith("-[ row 1 ]-\ncolumn_0   0\ncolumn_1   1,000\n")).toBe(true);
      expect(text).toContain("-[ row 2 ]-");
    });

    it("unions the keys of sparse rows", () => {
      const text = formatTextTable([{ a: 1 }, { b: "x" }]);
      expect(text.split("\n")[0]).toBe("a  b");
    });
  });
});
