import { describe, expect, it } from "vitest";
import { pageByKey } from "./page-by-key.js";

describe("unit", () => {
  describe("pageByKey", () => {
    it("reads every row once, page by page after the last key seen", async () => {
      const keys = [1, 2, 4, 7, 8];
      const asked: number[] = [];
      const readPage = async (after: number, size: number) => {
        asked.push(after);
        return keys.filter((key) => key > after).slice(0, size);
      };
      const pages: number[][] = [];
      for await (const page of pageByKey(readPage, (key) => key, 2)) pages.push([...page]);
      expect(pages).toEqual([[1, 2], [4, 7], [8]]);
      expect(asked).toEqual([0, 2, 7, 8]);
    });
  });
});
