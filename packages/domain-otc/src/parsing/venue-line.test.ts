import { parseVenueLine } from "@spine/finra";
import { describe, expect, it } from "vitest";
import { resolveHeader, splitDelimitedLine } from "../../test/support/finra-columns.js";

function columnMapOf(header: string) {
  const resolved = resolveHeader(splitDelimitedLine(header, "|"));
  if (!resolved.ok) {
    throw new Error(resolved.issues.join());
  }
  return resolved.value;
}

const DOWNLOAD = columnMapOf(
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate",
);

describe("unit", () => {
  it("rejects a line whose field count differs from the header", () => {
    const line = "OTC|ABCD|Abcd Corp|Venue|VNUE|100";
    expect(parseVenueLine(splitDelimitedLine(line, "|"), DOWNLOAD, 7, line)).toEqual({
      ok: false,
      issues: [{ code: "MALFORMED_ROW", detail: "line 7 has 6 fields; the header has 8" }],
    });
  });

  it("maps a download line onto a raw row without judging values", () => {
    const line = "OTC| ABCD |Abcd Corp|Venue One|VNUE|12a||2025-11-03\r";
    expect(parseVenueLine(splitDelimitedLine(line, "|"), DOWNLOAD, 2, line)).toEqual({
      ok: true,
      value: {
        lineNumber: 2,
        tierText: "OTC",
        symbol: " ABCD ",
        issueName: "Abcd Corp",
        mpid: "VNUE",
        marketParticipantName: "Venue One",
        shareQuantityText: "12a",
        tradeCountText: "",
        lastUpdateDate: "2025-11-03",
        weekText: null,
        summaryTypeCode: null,
        rawLine: line,
      },
    });
  });

  it("reads the week and summary type from an API export and nulls absent columns", () => {
    const columns = columnMapOf(
      "weekStartDate|tierIdentifier|issueSymbolIdentifier|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|summaryTypeCode",
    );
    const line = "2025-09-29|OTCE|ABCD|VNUE|100|2|OTC_W_SMBL_FIRM";
    const parsed = parseVenueLine(splitDelimitedLine(line, "|"), columns, 3, line);
    expect(parsed.ok && parsed.value).toMatchObject({
      weekText: "2025-09-29",
      tierText: "OTCE",
      summaryTypeCode: "OTC_W_SMBL_FIRM",
      issueName: null,
      lastUpdateDate: null,
    });
  });

  it("treats an empty optional value as absent", () => {
    const line = "|ABCD||||1|1|";
    const parsed = parseVenueLine(splitDelimitedLine(line, "|"), DOWNLOAD, 4, line);
    expect(parsed.ok && parsed.value).toMatchObject({
      tierText: null,
      issueName: null,
      lastUpdateDate: null,
      mpid: "",
    });
  });
});
