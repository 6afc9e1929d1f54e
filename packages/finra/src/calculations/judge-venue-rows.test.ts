import { describe, expect, it } from "vitest";
import type { RawVenueRow } from "../models/venue-row.js";
import { judgeVenueRows, venueRowReject } from "./judge-venue-rows.js";
import { validateVenueRow } from "./validate-venue-row.js";

function row(lineNumber: number, symbol: string, mpid: string, shares: string): RawVenueRow {
  const fields = ["NMS Tier 1", symbol, `${symbol} Inc`, mpid, `${mpid} ATS`, shares, "3", "2025-09-29"];
  return {
    lineNumber,
    tierText: "NMS Tier 1",
    symbol,
    issueName: `${symbol} Inc`,
    mpid,
    marketParticipantName: `${mpid} ATS`,
    shareQuantityText: shares,
    tradeCountText: "3",
    lastUpdateDate: "2025-09-29",
    weekText: null,
    summaryTypeCode: null,
    rawLine: fields.join("|"),
  };
}

const judge = (rows: RawVenueRow[]) =>
  judgeVenueRows(
    rows,
    (candidate) =>
      validateVenueRow(candidate, {
        dataset: "ats",
        tier: "NMS Tier 1",
        weekEnding: "2025-09-12",
        ignoreLastUpdateDate: true,
      }),
    (mpid, symbol) => `${mpid} already reported ${symbol}`,
  );

describe("judgeVenueRows", () => {
  const rows = [row(2, "AAAA", "ZQAA", "100"), row(3, "BBBB", "ZQAA", "x"), row(4, "AAAA", "ZQAA", "50")];

  it("keeps each accepted row's line, so stored rows lead back to their source line", () => {
    const outcome = judge(rows);
    expect(outcome.accepted.map((accepted) => [accepted.lineNumber, accepted.symbol])).toEqual([[2, "AAAA"]]);
  });

  it("gives each rejected row its line text, the invalid one and the repeated key alike", () => {
    const outcome = judge(rows);
    expect(outcome.rejected.map((rejected) => [rejected.lineNumber, rejected.rawLine])).toEqual([
      [3, rows[1]?.rawLine],
      [4, rows[2]?.rawLine],
    ]);
    expect(outcome.accepted.length + outcome.rejected.length).toBe(rows.length);
  });

  it("turns a rejected row into a reject record: the primary rule's code, every detail, line and text", () => {
    const rejected = {
      lineNumber: 7,
      rawLine: "a|b",
      issues: [
        { code: "EMPTY_SYMBOL" as const, detail: "symbol is empty" },
        { code: "EMPTY_MPID" as const, detail: "MPID is empty" },
      ],
    };
    expect(venueRowReject(rejected)).toEqual({
      reasonCode: "EMPTY_SYMBOL",
      reasonDetail: "symbol is empty; MPID is empty",
      lineNumber: 7,
      rawRecord: "a|b",
    });
    expect(venueRowReject(judge(rows).rejected[1] ?? rejected).reasonCode).toBe("DUPLICATE_KEY");
  });
});
