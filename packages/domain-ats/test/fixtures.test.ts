import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectedPublicationDate, parseSourceFileName } from "@spine/finra";
import { sumBy } from "@spine/platform/pure";
import { describe, expect, it } from "vitest";
import { computeAtsConcentration } from "../src/calculations/ats-concentration.js";
import { computeAtsMarketShares } from "../src/calculations/ats-market-share.js";
import { judgeAtsRows } from "../src/calculations/validate-ats-row.js";
import { readAtsFile } from "./support/read-ats-file.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "fixtures", "finra-ats");
const edgeCase = (name: string) => readAtsFile(join(FIXTURES, "edge-cases", name));
const codesOf = (outcome: ReturnType<typeof judgeAtsRows>) =>
  outcome.rejected.map((row) => [row.lineNumber, row.issues[0]?.code]);

describe("integration", () => {
  describe("ATS edge cases", () => {
    it("golden-tiny: keeps the 5 detail rows, rejects the 4 summary rows, and matches the hand-computed metrics", () => {
      const outcome = judgeAtsRows(edgeCase("golden-tiny.csv"), {
        tier: "NMS Tier 1",
        weekEnding: "2025-09-12",
      });
      expect(codesOf(outcome)).toEqual([
        [5, "SUMMARY_ROW"],
        [8, "SUMMARY_ROW"],
        [9, "SUMMARY_ROW"],
        [10, "SUMMARY_ROW"],
      ]);
      expect(
        computeAtsMarketShares(outcome.accepted).map((share) => [
          share.mpid,
          share.marketShare,
          share.avgTradeSize,
        ]),
      ).toEqual([
        ["ZQBB", 0.6, 240],
        ["ZQAA", 0.3, 100],
        ["ZQCC", 0.1, 50],
      ]);
      expect(computeAtsConcentration(outcome.accepted).map((row) => row.topAtsShare)).toEqual([0.5, 0.9]);
    });

    it("download-format: reads the pipe layout, keeps a zero-activity row, rejects a duplicate and a bad count", () => {
      const outcome = judgeAtsRows(edgeCase("download-format.psv"), {
        tier: "OTC",
        weekEnding: "2025-09-12",
      });
      expect(outcome.accepted.map((row) => [row.symbol, row.mpid, row.shareVolume])).toEqual([
        ["QAAT", "ZQAA", 4500],
        ["QAAT", "ZQDD", 1500],
        ["QBBT", "ZQAA", 0],
      ]);
      expect(codesOf(outcome)).toEqual([
        [5, "DUPLICATE_KEY"],
        [6, "INVALID_SHARE_QUANTITY"],
      ]);
    });

    // Labor Day 2025-09-01 moved the NMS Tier 1 publication of week ending 2025-08-15 to Tuesday.
    it("holiday-tuesday: a Tuesday lastUpdateDate after a holiday Monday belongs to its week", () => {
      expect(expectedPublicationDate("NMS Tier 1", "2025-08-15")).toBe("2025-09-02");
      const week = { tier: "NMS Tier 1", weekEnding: "2025-08-15" } as const;
      expect(judgeAtsRows(edgeCase("holiday-tuesday.psv"), week).accepted).toHaveLength(2);
      const weekBefore = { tier: "NMS Tier 1", weekEnding: "2025-08-08" } as const;
      expect(judgeAtsRows(edgeCase("holiday-tuesday.psv"), weekBefore).accepted).toHaveLength(0);
    });

    it("summary-only: a tier-week of summary rows yields no ATS data at all", () => {
      const outcome = judgeAtsRows(edgeCase("summary-only.csv"), {
        tier: "NMS Tier 2",
        weekEnding: "2025-09-12",
      });
      expect(outcome.accepted).toEqual([]);
      expect(outcome.rejected).toHaveLength(3);
    });
  });

  describe("generated ATS weeks", () => {
    const names = readdirSync(join(FIXTURES, "generated")).filter((name) => name.endsWith(".csv"));

    it("holds 4 weeks x 3 tiers named by week ending", () => {
      expect(names).toHaveLength(12);
      expect(names.map((name) => parseSourceFileName(name, "ats")?.tier).filter(Boolean)).toHaveLength(12);
    });

    it.each(
      names,
    )("%s: only summary rows are rejected and the detail rows add up to ATS_W_VOL_STATS", (name) => {
      const file = parseSourceFileName(name, "ats");
      if (file === null) throw new Error(`unrecognised fixture name ${name}`);
      const rows = readAtsFile(join(FIXTURES, "generated", name));
      const outcome = judgeAtsRows(rows, file);
      const summaries = rows.filter((row) => row.summaryTypeCode !== "ATS_W_SMBL_FIRM");
      expect(outcome.rejected.every((row) => row.issues[0]?.code === "SUMMARY_ROW")).toBe(true);
      expect(outcome.rejected).toHaveLength(summaries.length);
      expect(summaries.length).toBeGreaterThan(2);
      const stats = summaries.find((row) => row.summaryTypeCode === "ATS_W_VOL_STATS");
      expect(sumBy(outcome.accepted, (row) => row.shareVolume)).toBe(Number(stats?.shareQuantityText));
      expect(rows[0]?.lastUpdateDate).toBe(expectedPublicationDate(file.tier, file.weekEnding));
    });
  });
});
