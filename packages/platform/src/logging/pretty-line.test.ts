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

describe("brief lines", () => {
  const failed = JSON.stringify({
    level: 50,
    time: 0,
    msg: "execution failed",
    execution_id: "e1",
    pipeline: "otc.ingest_week",
    params: { file_path: "/x.csv" },
    error: "Cannot read source file /x.csv",
    stack: "SpineError: Cannot read\n    at somewhere",
  });

  it("keep what happened and leave lineage, parameters and the stack to the JSON logs", () => {
    expect(formatPrettyLine(failed, { verbose: false })).toBe(
      "ERROR execution failed  pipeline=otc.ingest_week error=Cannot read source file /x.csv\n",
    );
  });

  it("colour the level only when asked", () => {
    expect(
      formatPrettyLine(failed, { verbose: false, colour: true }).startsWith("\u001b[31mERROR\u001b[0m "),
    ).toBe(true);
    expect(formatPrettyLine(failed, { verbose: true })).toContain("stack=");
  });
});
