import { describe, expect, it } from "vitest";
import { formatPrettyLine } from "./pretty-line.js";

describe("unit", () => {
  it("passes through a line that is not JSON unchanged", () => {
    expect(formatPrettyLine("not json\n")).toBe("not json\n");
  });

  it("renders level, message and fields on one readable line", () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2025, 0, 2, 3, 4, 5, 6),
      msg: "loaded",
      execution_id: "e1",
      rows: 3,
    });
    expect(formatPrettyLine(line)).toBe("03:04:05.006 INFO  loaded  execution_id=e1 rows=3\n");
  });
});
