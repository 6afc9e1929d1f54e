import { describe, expect, it } from "vitest";
import { createEncodedRows, heldRowCount, isEncodedRows, joinHeldRows } from "./encoded-rows.js";

const bytes = (text: string) => Buffer.from(text);

describe("unit", () => {
  describe("held rows", () => {
    it("tells encoded rows from rows and counts both", () => {
      const encoded = createEncodedRows([bytes("a\n"), bytes("b\n")], 2);
      expect(isEncodedRows(encoded)).toBe(true);
      expect(isEncodedRows([["a"], ["b"]])).toBe(false);
      expect(heldRowCount(encoded)).toBe(2);
      expect(heldRowCount([["a"], ["b"], ["c"]])).toBe(3);
    });

    it("joins encoded parts chunk by chunk, in order, and rows by concatenation", () => {
      const joined = joinHeldRows([
        createEncodedRows([bytes("a\n")], 1),
        createEncodedRows([bytes("b\nc\n")], 2),
      ]);
      expect(isEncodedRows(joined)).toBe(true);
      if (!isEncodedRows(joined)) return;
      expect(joined.rowCount).toBe(3);
      expect(Buffer.concat(joined.chunks.map((chunk) => Buffer.from(chunk))).toString()).toBe("a\nb\nc\n");
      expect(joinHeldRows([[["a"]], [["b"], ["c"]]])).toEqual([["a"], ["b"], ["c"]]);
    });

    it("refuses to join encoded rows with plain ones", () => {
      expect(() => joinHeldRows([createEncodedRows([bytes("a\n")], 1), [["b"]]])).toThrow(/cannot be joined/);
    });
  });
});
