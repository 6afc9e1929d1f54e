import { describe, expect, it } from "vitest";
import { isTableOutput } from "./table-output.js";

describe("unit", () => {
  describe("isTableOutput", () => {
    it("rejects values that are not a table of rows", () => {
      expect(isTableOutput(null)).toBe(false);
      expect(isTableOutput({ table: [1, 2] })).toBe(false);
      expect(isTableOutput({ table: [], title: 3 })).toBe(false);
      expect(isTableOutput([{ a: 1 }])).toBe(false);
    });

    it("accepts rows with an optional title", () => {
      expect(isTableOutput({ table: [{ a: 1 }], title: "Weeks" })).toBe(true);
      expect(isTableOutput({ table: [] })).toBe(true);
    });
  });
});
