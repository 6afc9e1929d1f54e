import { describe, expect, it } from "vitest";
import { apiFieldText, apiRowsToLandingText } from "./api-landing-row.js";
import { apiDatasetForWeek, buildWeeklySummaryBody, parseApiPartitions } from "./query-api.js";

describe("unit", () => {
  it("filters a tier-week on both partition fields and the dataset's detail rows", () => {
    const body = buildWeeklySummaryBody({
      dataset: "ats",
      tier: "NMS Tier 2",
      weekEnding: "2025-09-12",
      offset: 10,
    });
    expect(body).toEqual({
      compareFilters: [
        { fieldName: "weekStartDate", fieldValue: "2025-09-08", compareType: "EQUAL" },
        { fieldName: "tierIdentifier", fieldValue: "T2", compareType: "EQUAL" },
        { fieldName: "summaryTypeCode", fieldValue: "ATS_W_SMBL_FIRM", compareType: "EQUAL" },
      ],
      limit: 5_000,
      offset: 10,
    });
    expect(
      buildWeeklySummaryBody({
        dataset: "otc",
        tier: "OTC",
        weekEnding: "2025-09-12",
        offset: 0,
        limit: 9_000,
      }).limit,
    ).toBe(5_000);
  });

  it("sends weeks older than about a year to the historic dataset", () => {
    expect(apiDatasetForWeek("2025-09-12", "2026-12-03")).toBe("weeklySummaryHistoric");
    expect(apiDatasetForWeek("2026-11-13", "2026-12-03")).toBe("weeklySummary");
  });

  it("reads partitions in either field order and leaves out unreadable ones", () => {
    const answer = {
      partitionFields: ["tierIdentifier", "weekStartDate"],
      availablePartitions: [{ partitions: ["T1", "2025-09-08"] }, { partitions: ["XX", "2025-09-08"] }, {}],
    };
    expect(parseApiPartitions(answer)).toEqual([{ tier: "NMS Tier 1", weekEnding: "2025-09-12" }]);
    expect(parseApiPartitions(null)).toEqual([]);
  });

  it("spells numbers as a download does: E-notation expanded, fractions kept", () => {
    expect(apiFieldText("1.776264414239084E9")).toBe("1776264414.239084");
    expect(apiFieldText(1.776264414239084e9)).toBe("1776264414.239084");
    expect(apiFieldText(1.5e21)).toBe("1500000000000000000000");
    expect(apiFieldText(1.25e-7)).toBe("0.000000125");
    expect([apiFieldText(100.5), apiFieldText(null), apiFieldText("BRK.a")]).toEqual(["100.5", "", "BRK.a"]);
  });

  it("writes the same file for the same rows in any order and key order", () => {
    const first = {
      issueSymbolIdentifier: "BRK.a",
      MPID: "AAAA",
      totalWeeklyShareQuantity: 10,
      issueName: "A|B",
    };
    const second = { MPID: "BBBB", issueSymbolIdentifier: "BRK.A", totalWeeklyShareQuantity: 2.5e1 };
    const text = apiRowsToLandingText([first, second]);
    expect(apiRowsToLandingText([{ ...second }, first])).toBe(text);
    expect(text.split("\n")).toEqual([
      "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate|weekStartDate|summaryTypeCode|initialPublishedDate",
      "|BRK.A|||BBBB|25|||||",
      '|BRK.a|"A|B"||AAAA|10|||||',
      "",
    ]);
  });
});
