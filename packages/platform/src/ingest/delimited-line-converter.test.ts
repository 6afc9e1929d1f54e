import { describe, expect, it } from "vitest";
import { defineHeaderSpec } from "../sources/header-spec.js";
import type { DelimitedRowMapping } from "./delimited-line-converter.js";
import { createDelimitedLineConverter } from "./delimited-line-converter.js";

const header = defineHeaderSpec({
  columns: {
    symbol: { aliases: ["Symbol"], required: true },
    volume: { aliases: ["Volume"], required: true },
  },
});

// Plain rows go to target 0 with their fields as they are; other rows to target 1 with the line.
const mapping: DelimitedRowMapping<typeof header.columns> = {
  targets: [
    { table: "plain", columns: ["line_number", "symbol", "volume", "hash"] },
    { table: "other", columns: ["line_number", "line", "detail", "hash"] },
  ],
  start: ({ columns }) => ({
    row: (fields, lineNumber, line, plain, batch) =>
      plain
        ? batch[0]?.push([lineNumber, fields[columns.symbol], fields[columns.volume], `key ${lineNumber}`])
        : batch[1]?.push([lineNumber, line, null, `key ${lineNumber}`]),
    malformed: (lineNumber, line, detail, batch) =>
      batch[1]?.push([lineNumber, line, detail, `key ${lineNumber}`]),
  }),
};

describe("unit", () => {
  it("accounts for every line: header, blank, accepted or malformed, numbered across batches", () => {
    const converter = createDelimitedLineConverter({ path: "a.psv", header, mapping });
    const first = converter.convert(["", "Volume|Symbol", "10|AAAA", '"1|0"|BBBB']);
    const second = converter.convert(["short", "   ", "1|CC\u0000C", "2| DDDD"]);
    expect(first).toEqual([[[3, "AAAA", "10", "key 3"]], [[4, '"1|0"|BBBB', null, "key 4"]]]);
    expect(second).toEqual([
      [],
      [
        [5, "short", "line 5 has 1 fields; the header has 2", "key 5"],
        [7, "1|CC\uFFFDC", "line 7 contains a NUL character (shown as U+FFFD in the raw line)", "key 7"],
        [8, "2| DDDD", null, "key 8"],
      ],
    ]);
    expect(converter.counts).toEqual({ linesRead: 8, blankLines: 2, rowsRead: 5, accepted: 3, malformed: 2 });
    const { rowsRead, accepted, malformed } = converter.counts;
    expect(rowsRead).toBe(accepted + malformed);
    expect(converter.rejectedLines.map(({ lineNumber, reason }) => [lineNumber, reason])).toEqual([
      [1, "BLANK_LINE"],
      [5, "MALFORMED_ROW"],
      [6, "BLANK_LINE"],
      [7, "MALFORMED_ROW"],
    ]);
    expect(converter.header()).toMatchObject({ delimiter: "|", lineNumber: 2 });
  });

  it("fails on a header without the required columns, naming the path", () => {
    const converter = createDelimitedLineConverter({ path: "b.psv", header, mapping });
    expect(() => converter.convert(["Symbol|Other", "A|1"])).toThrow(
      "b.psv: header is missing required columns: volume (Volume)",
    );
  });
});
