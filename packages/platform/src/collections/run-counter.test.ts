import { describe, expect, it } from "vitest";
import { createRunCounter, mostFrequentKey } from "./run-counter.js";

describe("unit", () => {
  it("counts trimmed values across runs and flushes, leaving out NULL and blank values", () => {
    const counts = new Map<string, number>();
    const counter = createRunCounter(counts);
    for (const value of ["a", "a", " b ", null, "", "a"]) counter.count(value);
    expect(Object.fromEntries(counts)).toEqual({ a: 2, b: 1 });
    counter.flush();
    counter.count("a");
    counter.flush();
    expect(Object.fromEntries(counts)).toEqual({ a: 4, b: 1 });
  });

  it("picks the most frequent key, the larger one on a tie", () => {
    expect(mostFrequentKey(new Map())).toBeUndefined();
    expect(
      mostFrequentKey(
        new Map([
          ["2025-11-03", 3],
          ["2025-11-10", 1],
        ]),
      ),
    ).toBe("2025-11-03");
    expect(
      mostFrequentKey(
        new Map([
          ["2025-11-10", 2],
          ["2025-11-03", 2],
        ]),
      ),
    ).toBe("2025-11-10");
  });
});
