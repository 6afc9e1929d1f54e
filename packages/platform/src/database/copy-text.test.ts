import { describe, expect, it } from "vitest";
import { encodeCopyRow, encodeCopyText, encodeCopyValue } from "./copy-text.js";

describe("unit", () => {
  describe("COPY text encoding", () => {
    it("writes NULL as \\N and escapes backslash, tab, newline and carriage return", () => {
      expect(encodeCopyValue(null)).toBe("\\N");
      expect(encodeCopyValue(undefined)).toBe("\\N");
      expect(encodeCopyValue("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
      expect(encodeCopyValue("\\N")).toBe("\\\\N");
    });

    it("writes numbers, booleans and dates in forms PostgreSQL parses back exactly", () => {
      expect(encodeCopyValue(0.1 + 0.2)).toBe("0.30000000000000004");
      expect(encodeCopyValue(true)).toBe("1");
      expect(encodeCopyValue(12n)).toBe("12");
      expect(encodeCopyValue(new Date("2025-01-03T00:00:00Z"))).toBe("2025-01-03T00:00:00.000Z");
    });

    it("joins a row with tabs and ends it with a newline", () => {
      expect(encodeCopyRow(["x", 1, null])).toBe("x\t1\t\\N\n");
    });

    it("holds rows as one buffer of their lines, and counts them", () => {
      const held = encodeCopyText([
        ["a\tb", 1],
        [null, 2],
      ]);
      expect(held.rowCount).toBe(2);
      expect(held.chunks.map((chunk) => Buffer.from(chunk).toString())).toEqual(["a\\tb\t1\n\\N\t2\n"]);
      expect(encodeCopyText([])).toMatchObject({ rowCount: 0, chunks: [] });
    });
  });
});
