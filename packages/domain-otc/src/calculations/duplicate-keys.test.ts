import { describe, expect, it } from "vitest";
import { createDuplicateKeyTracker, findDuplicateKeys } from "./duplicate-keys.js";

describe("unit", () => {
  it("returns the line numbers of second and later occurrences only", () => {
    const rows = [
      { symbol: "AAAA", mpid: "MMAA", lineNumber: 2 },
      { symbol: "AAAA", mpid: "MMBB", lineNumber: 3 },
      { symbol: "AAAA", mpid: "MMAA", lineNumber: 4 },
      { symbol: "BBBB", mpid: "MMAA", lineNumber: 5 },
      { symbol: "AAAA", mpid: "MMAA", lineNumber: 6 },
    ];
    expect(findDuplicateKeys(rows)).toEqual([4, 6]);
  });

  it("returns nothing for unique keys", () => {
    expect(findDuplicateKeys([{ symbol: "A", mpid: "B", lineNumber: 2 }])).toEqual([]);
  });

  it("tracks keys one row at a time for streaming callers", () => {
    const tracker = createDuplicateKeyTracker();
    expect([
      tracker.isDuplicate("A", "X"),
      tracker.isDuplicate("A", "Y"),
      tracker.isDuplicate("A", "X"),
    ]).toEqual([false, false, true]);
  });
});
