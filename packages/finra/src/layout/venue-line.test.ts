import { describe, expect, it } from "vitest";
import type { ColumnMap } from "./column-map.js";
import { parseVenueLine } from "./venue-line.js";

// An API-export-like layout: week first, no tier, no issue name.
const columns: ColumnMap = {
  fieldCount: 6,
  week: 0,
  symbol: 1,
  mpid: 2,
  shareQuantity: 3,
  tradeCount: 4,
  lastUpdateDate: 5,
  tier: null,
  issueName: null,
  marketParticipantName: null,
  summaryTypeCode: null,
};

describe("unit", () => {
  it("maps fields by position, keeps required fields as found and empty optional ones as null", () => {
    const parsed = parseVenueLine(["2025-09-22", " AAAA ", "MMAA", "1,000", "2", " "], columns, 4, "raw");
    expect(parsed).toEqual({
      ok: true,
      value: {
        lineNumber: 4,
        tierText: null,
        symbol: " AAAA ",
        issueName: null,
        mpid: "MMAA",
        marketParticipantName: null,
        shareQuantityText: "1,000",
        tradeCountText: "2",
        lastUpdateDate: null,
        weekText: "2025-09-22",
        summaryTypeCode: null,
        rawLine: "raw",
      },
    });
  });

  it("refuses a line whose field count differs from the header's", () => {
    expect(parseVenueLine(["a", "b"], columns, 7, "a|b")).toEqual({
      ok: false,
      issues: [{ code: "MALFORMED_ROW", detail: "line 7 has 2 fields; the header has 6" }],
    });
  });
});
