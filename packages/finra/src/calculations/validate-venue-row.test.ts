import { describe, expect, it } from "vitest";
import type { RawVenueRow } from "../models/venue-row.js";
import { type RowPartition, validateVenueRow } from "./validate-venue-row.js";

const PARTITION: RowPartition = { dataset: "otc", tier: "OTC", weekEnding: "2025-10-03" };

function rawRow(overrides: Partial<RawVenueRow> = {}): RawVenueRow {
  return {
    lineNumber: 2,
    tierText: "OTC",
    symbol: "ABCD",
    issueName: "Abcd Corp",
    mpid: "VNUE",
    marketParticipantName: "Venue One",
    shareQuantityText: "1,500",
    tradeCountText: "4",
    lastUpdateDate: "2025-11-03",
    weekText: null,
    summaryTypeCode: null,
    rawLine: "",
    ...overrides,
  };
}

function codesOf(row: RawVenueRow, partition: RowPartition = PARTITION): string[] {
  const validated = validateVenueRow(row, partition);
  return validated.ok ? [] : validated.issues.map((issue) => issue.code);
}

describe("unit", () => {
  it("records a summary row without applying other rules", () => {
    expect(validateVenueRow(rawRow({ summaryTypeCode: "OTC_W_SMBL", mpid: "" }), PARTITION)).toEqual({
      ok: false,
      issues: [{ code: "SUMMARY_ROW", detail: 'summary row of type "OTC_W_SMBL"' }],
    });
  });

  it("rejects an empty symbol and an empty MPID after trimming", () => {
    expect(codesOf(rawRow({ symbol: "  " }))).toEqual(["EMPTY_SYMBOL"]);
    expect(codesOf(rawRow({ mpid: "" }))).toEqual(["EMPTY_MPID"]);
  });

  it("rejects an unparseable tier and a tier contradicting the partition", () => {
    expect(codesOf(rawRow({ tierText: "Tier 9" }))).toEqual(["INVALID_TIER"]);
    expect(validateVenueRow(rawRow({ tierText: "NMS Tier 2" }), PARTITION)).toEqual({
      ok: false,
      issues: [{ code: "TIER_MISMATCH", detail: 'row tier "NMS Tier 2" but the partition is "OTC"' }],
    });
  });

  it("rejects a week column naming another week or an invalid day", () => {
    expect(codesOf(rawRow({ weekText: "2025-10-06" }))).toEqual(["WEEK_MISMATCH"]);
    expect(codesOf(rawRow({ weekText: "2025-10-08" }))).toEqual(["WEEK_MISMATCH"]);
  });

  // OTC delay 35 days: 2025-11-10 - 35 = 2025-10-06, + 4 = week ending 2025-10-10, not 2025-10-03.
  it("rejects a lastUpdateDate that publishes another week when no week column exists", () => {
    expect(validateVenueRow(rawRow({ lastUpdateDate: "2025-11-10" }), PARTITION)).toEqual({
      ok: false,
      issues: [
        {
          code: "WEEK_MISMATCH",
          detail:
            "lastUpdateDate 2025-11-10 publishes OTC week ending 2025-10-10; the partition is 2025-10-03",
        },
      ],
    });
  });

  it("ignores lastUpdateDate for republished files when asked", () => {
    expect(
      validateVenueRow(rawRow({ lastUpdateDate: "2025-11-10" }), { ...PARTITION, ignoreLastUpdateDate: true })
        .ok,
    ).toBe(true);
  });

  it("rejects invalid and negative counts with readable details", () => {
    expect(validateVenueRow(rawRow({ shareQuantityText: "12a" }), PARTITION)).toEqual({
      ok: false,
      issues: [{ code: "INVALID_SHARE_QUANTITY", detail: 'share quantity "12a" is not a number' }],
    });
    expect(validateVenueRow(rawRow({ tradeCountText: "2.5" }), PARTITION)).toEqual({
      ok: false,
      issues: [{ code: "INVALID_TRADE_COUNT", detail: 'trade count "2.5" is not a whole number' }],
    });
    expect(codesOf(rawRow({ shareQuantityText: "-5" }))).toEqual(["NEGATIVE_SHARE_QUANTITY"]);
    expect(codesOf(rawRow({ tradeCountText: "" }))).toEqual(["INVALID_TRADE_COUNT"]);
    expect(codesOf(rawRow({ tradeCountText: "-1" }))).toEqual(["NEGATIVE_TRADE_COUNT"]);
  });

  it("refuses a share fraction finer than six places instead of rounding it", () => {
    const verdict = validateVenueRow(rawRow({ shareQuantityText: "10.1234567" }), PARTITION);
    expect(verdict.ok ? [] : verdict.issues.map((issue) => issue.code)).toEqual(["INVALID_SHARE_QUANTITY"]);
    expect(verdict.ok ? "" : verdict.issues[0]?.detail).toContain("more than 6 decimal places");
  });

  it("accepts a fractional share quantity exactly (FINRA rows since 2026)", () => {
    const verdict = validateVenueRow(rawRow({ shareQuantityText: "1234.5", tradeCountText: "3" }), PARTITION);
    expect(verdict.ok && [verdict.value.shareVolume, verdict.value.avgTradeSize]).toEqual([1234.5, 411.5]);
  });

  it("reports every failing rule in a fixed order", () => {
    expect(
      codesOf(rawRow({ symbol: "", tierText: "T1", shareQuantityText: "x", tradeCountText: "-2" })),
    ).toEqual(["EMPTY_SYMBOL", "TIER_MISMATCH", "INVALID_SHARE_QUANTITY", "NEGATIVE_TRADE_COUNT"]);
  });

  // 1,500 shares / 4 trades = 375.
  it("accepts a valid row, trimming identifiers but keeping symbol case", () => {
    expect(validateVenueRow(rawRow({ symbol: " abCD ", mpid: " VNUE" }), PARTITION)).toEqual({
      ok: true,
      value: {
        symbol: "abCD",
        issueName: "Abcd Corp",
        mpid: "VNUE",
        marketParticipantName: "Venue One",
        shareVolume: 1500,
        tradeCount: 4,
        avgTradeSize: 375,
      },
    });
  });

  it("accepts a zero-activity row with a null average trade size", () => {
    const validated = validateVenueRow(rawRow({ shareQuantityText: "0", tradeCountText: "0" }), PARTITION);
    expect(validated.ok && validated.value).toMatchObject({
      shareVolume: 0,
      tradeCount: 0,
      avgTradeSize: null,
    });
  });

  it("accepts API detail rows whose Monday weekStartDate maps to the partition week", () => {
    const row = rawRow({
      tierText: "OTCE",
      weekText: "2025-09-29",
      summaryTypeCode: "OTC_W_SMBL_FIRM",
      lastUpdateDate: null,
    });
    expect(validateVenueRow(row, PARTITION).ok).toBe(true);
  });

  it("accepts a simple-format Friday week and rows without tier or dates", () => {
    expect(validateVenueRow(rawRow({ weekText: "2025-10-03" }), PARTITION).ok).toBe(true);
    expect(validateVenueRow(rawRow({ tierText: null, lastUpdateDate: null }), PARTITION).ok).toBe(true);
  });

  // Publication slipped to Tuesday 2025-11-04 after a holiday: floored to Monday 2025-11-03.
  it("accepts a lastUpdateDate that slipped past Monday within the expected week", () => {
    expect(validateVenueRow(rawRow({ lastUpdateDate: "2025-11-04" }), PARTITION).ok).toBe(true);
  });

  it("reads summary type codes per dataset", () => {
    const ats: RowPartition = { ...PARTITION, dataset: "ats" };
    expect(validateVenueRow(rawRow({ summaryTypeCode: "ATS_W_SMBL_FIRM" }), ats).ok).toBe(true);
    expect(codesOf(rawRow({ summaryTypeCode: "OTC_W_SMBL_FIRM" }), ats)).toEqual(["SUMMARY_ROW"]);
    expect(codesOf(rawRow({ summaryTypeCode: "ATS_W_SMBL_FIRM" }))).toEqual(["SUMMARY_ROW"]);
  });
});
