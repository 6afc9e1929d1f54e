import type { RawVenueRow } from "@spine/finra";
import { describe, expect, it } from "vitest";
import { readAtsText } from "../../test/support/read-ats-file.js";
import type { AtsRowContext } from "./validate-ats-row.js";
import { judgeAtsRows, validateAtsRow } from "./validate-ats-row.js";

// NMS Tier 1 week ending 2025-09-12 starts 2025-09-08 and is first published 2025-09-29.
const TIER1_WEEK: AtsRowContext = { tier: "NMS Tier 1", weekEnding: "2025-09-12" };
const API_HEADER =
  "tierIdentifier,weekStartDate,issueSymbolIdentifier,MPID,totalWeeklyShareQuantity,totalWeeklyTradeCount,summaryTypeCode,lastUpdateDate";

/** API export rows from their CSV lines (after the header), numbered from line 2. */
function apiRows(...lines: string[]): RawVenueRow[] {
  return readAtsText([API_HEADER, ...lines].join("\n"));
}

function apiRow(line: string): RawVenueRow {
  const [row] = apiRows(line);
  if (row === undefined) throw new Error("no row");
  return row;
}

const DETAIL = "T1,2025-09-08,AAAA,ZQAA,1200,12,ATS_W_SMBL_FIRM,2025-09-29";

describe("unit", () => {
  it("keeps an ATS_W_SMBL_FIRM detail row", () => {
    expect(validateAtsRow(apiRow(DETAIL), TIER1_WEEK)).toMatchObject({
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
    const verdict = validateAtsRow(apiRow(`T1,2025-09-08,AAAA,,1200,12,${code},2025-09-29`), TIER1_WEEK);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.issues).toHaveLength(1);
      expect(verdict.issues[0]?.code).toBe("SUMMARY_ROW");
      expect(verdict.issues[0]?.detail).toContain(code);
    }
  });

  it("names what a summary row totals", () => {
    const verdict = validateAtsRow(apiRow("T1,2025-09-08,,ZQAA,1200,12,ATS_W_FIRM,2025-09-29"), TIER1_WEEK);
    expect(verdict.ok ? "" : verdict.issues[0]?.detail).toContain("summed over every symbol");
  });

  it("applies the FINRA row rules to detail rows", () => {
    const verdict = validateAtsRow(
      apiRow("T2,2025-09-08,AAAA,ZQAA,1200,-1,ATS_W_SMBL_FIRM,2025-09-29"),
      TIER1_WEEK,
    );
    expect(verdict.ok ? [] : verdict.issues.map((issue) => issue.code)).toEqual([
      "TIER_MISMATCH",
      "NEGATIVE_TRADE_COUNT",
    ]);
  });

  it("accounts for every row and keeps the first report of a symbol by an ATS", () => {
    const rows = apiRows(
      DETAIL,
      "T1,2025-09-08,AAAA,ZQBB,800,4,ATS_W_SMBL_FIRM,2025-09-29",
      "T1,2025-09-08,AAAA,,2000,16,ATS_W_SMBL,2025-09-29",
      "T1,2025-09-08,AAAA,ZQAA,999,9,ATS_W_SMBL_FIRM,2025-09-29",
      "T1,2025-09-08,,,2000,16,ATS_W_VOL_STATS,2025-09-29",
    );
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

  // The ATS_W_SMBL row totals the same 1200 shares; adding it would double the symbol's volume.
  it("never adds a summary row's volume on top of the detail rows", () => {
    const rows = apiRows(DETAIL, "T1,2025-09-08,AAAA,,1200,12,ATS_W_SMBL,2025-09-29");
    const accepted = judgeAtsRows(rows, TIER1_WEEK).accepted;
    expect(accepted.reduce((total, volume) => total + volume.shareVolume, 0)).toBe(1200);
  });
});
