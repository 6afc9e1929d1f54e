import type { RawVenueRow } from "@spine/finra";
import { describe, expect, it } from "vitest";
import type { AtsRowContext } from "./validate-ats-row.js";
import { judgeAtsRows, validateAtsRow } from "./validate-ats-row.js";

// NMS Tier 1 week ending 2025-09-12 starts 2025-09-08 and is first published 2025-09-29.
const TIER1_WEEK: AtsRowContext = { tier: "NMS Tier 1", weekEnding: "2025-09-12" };

function apiRow(lineNumber: number, fields: Partial<RawVenueRow> = {}): RawVenueRow {
  return {
    lineNumber,
    tierText: "T1",
    symbol: "AAAA",
    issueName: "Aaaa Holdings",
    mpid: "ZQAA",
    marketParticipantName: "Zq Alpha ATS",
    shareQuantityText: "1200",
    tradeCountText: "12",
    lastUpdateDate: "2025-09-29",
    weekText: "2025-09-08",
    summaryTypeCode: "ATS_W_SMBL_FIRM",
    rawLine: "",
    ...fields,
  };
}

describe("unit", () => {
  it("keeps an ATS_W_SMBL_FIRM detail row", () => {
    expect(validateAtsRow(apiRow(2), TIER1_WEEK)).toMatchObject({
      ok: true,
      value: { symbol: "AAAA", mpid: "ZQAA", shareVolume: 1200, tradeCount: 12, avgTradeSize: 100 },
    });
  });

  it.each([
    "ATS_W_SMBL",
    "ATS_W_FIRM",
    "ATS_W_VOL_STATS",
    "OTC_W_SMBL_FIRM",
  ])("rejects a %s row as SUMMARY_ROW, whatever else it holds", (code) => {
    const verdict = validateAtsRow(apiRow(3, { summaryTypeCode: code, mpid: "" }), TIER1_WEEK);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.issues).toHaveLength(1);
      expect(verdict.issues[0]?.code).toBe("SUMMARY_ROW");
      expect(verdict.issues[0]?.detail).toContain(code);
    }
  });

  it("names what a summary row totals", () => {
    const verdict = validateAtsRow(apiRow(4, { summaryTypeCode: "ATS_W_FIRM", symbol: "" }), TIER1_WEEK);
    expect(verdict.ok ? "" : verdict.issues[0]?.detail).toContain("summed over every symbol");
  });

  it("applies the FINRA row rules to detail rows", () => {
    const verdict = validateAtsRow(apiRow(5, { tierText: "T2", tradeCountText: "-1" }), TIER1_WEEK);
    expect(verdict.ok ? [] : verdict.issues.map((issue) => issue.code)).toEqual([
      "TIER_MISMATCH",
      "NEGATIVE_TRADE_COUNT",
    ]);
  });

  it("accounts for every row and keeps the first report of a symbol by an ATS", () => {
    const rows = [
      apiRow(2),
      apiRow(3, { mpid: "ZQBB", shareQuantityText: "800", tradeCountText: "4" }),
      apiRow(4, { summaryTypeCode: "ATS_W_SMBL", mpid: "", shareQuantityText: "2000" }),
      apiRow(5, { shareQuantityText: "999" }),
      apiRow(6, { summaryTypeCode: "ATS_W_VOL_STATS", symbol: "", mpid: "" }),
    ];
    const outcome = judgeAtsRows(rows, TIER1_WEEK);
    expect(outcome.accepted.map((volume) => [volume.mpid, volume.shareVolume])).toEqual([
      ["ZQAA", 1200],
      ["ZQBB", 800],
    ]);
    expect(outcome.rejected.map((row) => [row.lineNumber, row.issues[0]?.code])).toEqual([
      [4, "SUMMARY_ROW"],
      [5, "DUPLICATE_KEY"],
      [6, "SUMMARY_ROW"],
    ]);
    expect(outcome.accepted.length + outcome.rejected.length).toBe(rows.length);
  });

  // The ATS_W_SMBL row totals 2000 shares; adding it would double the symbol's volume.
  it("never adds a summary row's volume on top of the detail rows", () => {
    const rows = [
      apiRow(2),
      apiRow(3, { summaryTypeCode: "ATS_W_SMBL", mpid: "", shareQuantityText: "1200" }),
    ];
    const accepted = judgeAtsRows(rows, TIER1_WEEK).accepted;
    expect(accepted.reduce((total, volume) => total + volume.shareVolume, 0)).toBe(1200);
  });
});
