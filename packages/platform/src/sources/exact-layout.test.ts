import { describe, expect, it } from "vitest";
import { isExactLayout } from "./exact-layout.js";
import { defineHeaderSpec, parseHeaderLine } from "./header-spec.js";

const spec = defineHeaderSpec({
  columns: {
    symbol: { aliases: ["symbol"], required: true },
    volume: { aliases: ["volume"] },
    week: { aliases: ["week"] },
  },
});

describe("unit", () => {
  it("accepts only the layout's delimiter, columns in its order and no other field", () => {
    const layout = (line: string) =>
      isExactLayout(parseHeaderLine(spec, line, 1, "test.csv"), "|", ["symbol", "volume"]);
    expect(layout("symbol|volume")).toBe(true);
    expect(layout("symbol,volume")).toBe(false);
    expect(layout("volume|symbol")).toBe(false);
    expect(layout("symbol|volume|week")).toBe(false);
    expect(layout("symbol|volume|note")).toBe(false);
    expect(layout("symbol")).toBe(false);
  });
});
