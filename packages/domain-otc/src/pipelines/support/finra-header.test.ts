import { FINRA_DOWNLOAD_COLUMNS } from "@spine/finra";
import { describe, expect, it } from "vitest";
import { resolveHeader } from "./finra-header.js";

const DOWNLOAD_HEADER = [...FINRA_DOWNLOAD_COLUMNS];

describe("unit", () => {
  it("names every missing required column with its accepted spellings", () => {
    const resolved = resolveHeader(["tierDescription", "issueSymbolIdentifier", "totalWeeklyShareQuantity"]);
    expect(resolved).toEqual({
      ok: false,
      issues: [
        "header is missing required columns: mpid (MPID), tradeCount (totalWeeklyTradeCount or TotalTrades)",
      ],
    });
  });

  it("fails on an empty header naming all four required columns", () => {
    const resolved = resolveHeader([""]);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) {
      expect(resolved.issues[0]).toContain("symbol (issueSymbolIdentifier or Symbol)");
      expect(resolved.issues[0]).toContain("shareQuantity (totalWeeklyShareQuantity or TotalShares)");
    }
  });

  it("resolves the FINRA download header", () => {
    expect(resolveHeader(DOWNLOAD_HEADER)).toEqual({
      ok: true,
      value: {
        fieldCount: 8,
        tier: 0,
        symbol: 1,
        issueName: 2,
        marketParticipantName: 3,
        mpid: 4,
        shareQuantity: 5,
        tradeCount: 6,
        lastUpdateDate: 7,
        week: null,
        summaryTypeCode: null,
      },
    });
  });

  it("resolves the FINRA API export, ignoring unknown columns", () => {
    const header = [
      "totalWeeklyShareQuantity",
      "issueSymbolIdentifier",
      "marketParticipantName",
      "productTypeCode",
      "summaryTypeCode",
      "totalNotionalSum",
      "weekStartDate",
      "tierIdentifier",
      "MPID",
      "totalWeeklyTradeCount",
      "lastUpdateDate",
    ];
    const resolved = resolveHeader(header);
    expect(resolved.ok && resolved.value).toMatchObject({
      fieldCount: 11,
      shareQuantity: 0,
      symbol: 1,
      summaryTypeCode: 4,
      week: 6,
      tier: 7,
      mpid: 8,
      tradeCount: 9,
      issueName: null,
    });
  });

  it("resolves the simple project format", () => {
    const resolved = resolveHeader(["WeekEnding", "Tier", "Symbol", "MPID", "TotalShares", "TotalTrades"]);
    expect(resolved.ok && resolved.value).toMatchObject({
      week: 0,
      tier: 1,
      symbol: 2,
      mpid: 3,
      shareQuantity: 4,
      tradeCount: 5,
    });
  });

  it("accepts shuffled, mixed-case names with a BOM and surrounding spaces", () => {
    const resolved = resolveHeader([
      "\uFEFF mpid ",
      "TOTALWEEKLYTRADECOUNT",
      "IssueSymbolIdentifier",
      " totalweeklysharequantity",
    ]);
    expect(resolved.ok && resolved.value).toMatchObject({
      mpid: 0,
      tradeCount: 1,
      symbol: 2,
      shareQuantity: 3,
      tier: null,
    });
  });

  it("prefers tierDescription over tierIdentifier when both are present", () => {
    const resolved = resolveHeader([
      "tierIdentifier",
      "tierDescription",
      "Symbol",
      "MPID",
      "TotalShares",
      "TotalTrades",
    ]);
    expect(resolved.ok && resolved.value.tier).toBe(1);
  });
});
