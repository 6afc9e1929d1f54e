import { describe, expect, it } from "vitest";
import { fetchOffsetPages } from "./offset-pagination.js";

const all = Array.from({ length: 12 }, (_, index) => index);

describe("unit", () => {
  it("advances by the rows a short page held and stops at the announced total", async () => {
    const offsets: number[] = [];
    const rows = await fetchOffsetPages({
      limit: 5,
      fetchPage: async (offset, limit) => {
        offsets.push(offset);
        // The server cuts every page to three rows, as a byte cap would.
        return { rows: all.slice(offset, offset + Math.min(limit, 3)), total: all.length };
      },
    });
    expect(rows).toEqual(all);
    expect(offsets).toEqual([0, 3, 6, 9]);
  });

  it("stops at an empty page without a total and refuses one that ends before it", async () => {
    const open = await fetchOffsetPages({
      limit: 5,
      fetchPage: async (offset) => ({ rows: all.slice(offset, offset + 5), total: null }),
    });
    expect(open).toEqual(all);
    const short = fetchOffsetPages({ limit: 5, fetchPage: async () => ({ rows: [], total: 3 }) });
    await expect(short).rejects.toThrow(/announced 3 rows but sent an empty page at offset 0/);
  });
});
