import { createDelimitedLineConverter } from "@spine/platform";
import { describe, expect, it } from "vitest";
import { finraHeaderSpec } from "./finra-header.js";
import { createRawMetadataProfile } from "./otc-plain-copy.js";
import { createRawRowMapping, rawColumns, standardRawColumns } from "./raw-row-mapping.js";

const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

function converterFor(weekRule: "parameter" | "last_update_date" = "parameter", downloadFastPath = true) {
  const lastUpdateDates = new Map<string, number>();
  const profile = createRawMetadataProfile();
  const mapping = createRawRowMapping({
    profile,
    identity: { tier: "OTC", weekEnding: "2025-10-03", weekRule, lastUpdateDate: "2025-11-03" },
    captureId: "ingest:otc:2025-10-03:1",
    path: "test.csv",
    lastUpdateDates,
    downloadFastPath,
  });
  const converter = createDelimitedLineConverter({ path: "test.csv", header: finraHeaderSpec, mapping });
  // Rows as ingest inserts them.
  const counts = { ...converter.counts, lastUpdateDates };
  const convert = (lines: readonly string[]) => {
    const [standard = [], other = []] = converter.convert(lines);
    Object.assign(counts, converter.counts);
    return { standard, other };
  };
  return { convert, counts, profile };
}

// Deterministic pseudo-random lines built from the characters that matter to splitting and
// trimming, so the fast path meets every reason to hand a line to the general path.
function randomLines(count: number, seed: number): string[] {
  let state = seed;
  const next = (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
  const pieces = [
    "A",
    "b",
    "7",
    "0",
    " ",
    "\u00a0",
    "\ufeff",
    '"',
    "|",
    "\r",
    "\u0000",
    "\t",
    "é",
    "-",
    ".",
    "",
  ];
  const field = () => Array.from({ length: next(4) }, () => pieces[next(pieces.length)]).join("");
  const clean = () => ["OTC", "AAPL", "Name Inc", "Venue LLC", "VNUE", "100", "7", "2025-11-03"];
  return Array.from({ length: count }, () => {
    const fields = clean();
    for (let change = next(3); change > 0; change -= 1) fields[next(8)] = field();
    if (next(10) === 0) fields.push(field());
    return fields.join("|");
  });
}

describe("unit", () => {
  it("stores every line the same with and without the download-layout fast path", () => {
    const lines = [
      header,
      "OTC|AAAA|Alpha Inc|Venue One|VONE|100|2|2025-11-03",
      "OTC|AAAA |Alpha Inc|Venue One|VONE|100|2|2025-11-03",
      "OTC|AAAA|\u00a0Alpha Inc|Venue One|VONE|100|2|2025-11-03",
      "OTC|AAAA|Alpha Inc||VONE|100|2|2025-11-03",
      'OTC|AAAA|"Alpha | Inc"|Venue One|VONE|100|2|2025-11-03',
      "\ufeffOTC|AAAA|Alpha Inc|Venue One|VONE|100|2|2025-11-03",
      "OTC|AAAA|Alpha Inc|Venue One|VONE|100|2|2025-11-03\r",
      "OTC|AAAA|Alpha\u0000Inc|Venue One|VONE|100|2|2025-11-03",
      "OTC|AAAA|Alpha Inc|Venue One|VONE|1,000|2|2025-11-03",
      "OTC|AAAA|Alpha Inc|Venue One|VONE|100|2",
      "OTC|AAAA|Alpha Inc|Venue One|VONE|100|2|2025-11-03|extra",
      ...randomLines(5000, 17),
    ];
    const fast = converterFor("parameter", true);
    const general = converterFor("parameter", false);
    const fastBatch = fast.convert(lines);
    expect(fastBatch).toEqual(general.convert(lines));
    expect(fast.counts).toEqual(general.counts);
    expect(fast.profile.entries()).toEqual(general.profile.entries());
    // The random lines reach both paths, or the comparison proves little.
    expect(fastBatch.standard.length).toBeGreaterThan(1000);
    expect(fastBatch.other.length).toBeGreaterThan(1000);
  });

  it("takes no fast path for a header in another order or with a week column", () => {
    const reordered = header.split("|").reverse().join("|");
    const line = "2025-11-03|2|100|VONE|Venue One|Alpha Inc|AAAA|OTC";
    const fast = converterFor("parameter", true).convert([reordered, line]);
    expect(fast).toEqual(converterFor("parameter", false).convert([reordered, line]));
    expect(fast.other).toHaveLength(1);
  });

  it("returns download-layout lines as standard rows and keeps the raw line of every other row", () => {
    const { convert, counts, profile } = converterFor();
    const batch = convert([
      header,
      "OTC|AAAA|Alpha Inc|Venue One|VONE|100|2|2025-11-03",
      "OTC| BBBB |Beta Inc|Venue One|VONE|100|2|2025-11-03",
      "OTC|CCCC|Gamma Inc|Venue One|VONE|100|2",
      "",
    ]);
    expect(batch.standard).toEqual([
      [
        "ingest:otc:2025-10-03:1",
        2,
        "OTC",
        "AAAA",
        "Alpha Inc",
        "Venue One",
        "VONE",
        "100",
        "2",
        "2025-11-03",
      ],
    ]);
    expect(batch.standard[0]).toHaveLength(standardRawColumns.length);
    expect(batch.other.map((row) => row.length)).toEqual([rawColumns.length, rawColumns.length]);
    const rawLineAt = rawColumns.indexOf("raw_line");
    const symbolAt = rawColumns.indexOf("symbol");
    expect(batch.other[0]?.[symbolAt]).toBe("BBBB");
    expect(batch.other[0]?.[rawLineAt]).toBe("OTC| BBBB |Beta Inc|Venue One|VONE|100|2|2025-11-03");
    expect(batch.other[1]?.[rawColumns.indexOf("malformed_detail")]).toContain("has 7 fields");
    // Migration 0009: no record key rides on a raw row any more (it follows from the row's values).
    expect(rawColumns).not.toContain("record_hash");
    expect(counts).toMatchObject({ rowsRead: 3, blankLines: 1, malformed: 1 });
    // The padded symbol is stored trimmed and still clean; the short line is malformed, all NULL.
    expect(profile.entries()).toEqual([
      {
        tier_text: "OTC",
        week_text: null,
        last_update_date: "2025-11-03",
        summary_type_code: null,
        row_count: 2,
        clean_row_count: 2,
      },
      {
        tier_text: null,
        week_text: null,
        last_update_date: null,
        summary_type_code: null,
        row_count: 1,
        clean_row_count: 0,
      },
    ]);
  });

  it("counts rows per lastUpdateDate across runs of dates and across batches", () => {
    const { convert, counts } = converterFor();
    const line = (symbol: string, date: string) => `OTC|${symbol}|Name|Venue|VNUE|1|1|${date}`;
    convert([header, line("A", "2025-11-03"), line("B", "2025-11-03"), line("C", "2025-11-10")]);
    convert([line("D", "2025-11-03"), line("E", " 2025-11-10 "), line("F", ""), line("G", "2025-11-10")]);
    expect(Object.fromEntries(counts.lastUpdateDates)).toEqual({ "2025-11-03": 3, "2025-11-10": 3 });
  });

  it("refuses a row whose date implies another week after a run of rows of the file's week", () => {
    const { convert } = converterFor("last_update_date");
    const line = (symbol: string, date: string) => `OTC|${symbol}|Name|Venue|VNUE|1|1|${date}`;
    expect(() =>
      convert([header, line("A", "2025-11-03"), line("B", "2025-11-03"), line("C", "2025-11-17")]),
    ).toThrow(/line 4 is week ending 2025-10-17/);
  });
});
