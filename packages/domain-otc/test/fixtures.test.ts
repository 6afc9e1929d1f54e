import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RowPartition as Partition } from "@spine/finra";
import { computeSymbolConcentration, computeVenueShares, parseTier, parseWeekEnding } from "@spine/finra";
import { describe, expect, it } from "vitest";
import {
  finraFileName,
  generateFinraWeek,
  publicationDate,
} from "../../../scripts/fixtures/finra-week-generator.mjs";
import { checkRowsAccounted, checkSharesSumToOne, computeSymbolSummaries } from "../src/pure.js";
import { parseLines } from "./support/parse-lines.js";

const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const EDGE_CASES = join(REPOSITORY_ROOT, "fixtures", "finra-otc", "edge-cases");
const GENERATED = join(REPOSITORY_ROOT, "fixtures", "finra-otc", "generated");
const OTC_WEEK: Partition = { dataset: "otc", tier: "OTC", weekEnding: "2025-10-03" };

function parseEdgeCase(name: string, partition: Partition = OTC_WEEK) {
  return parseLines(readFileSync(join(EDGE_CASES, name), "utf8").split("\n"), partition);
}

function codesOf(name: string): string[] {
  return parseEdgeCase(name).rejected.map((reject) => reject.code);
}

describe("integration", () => {
  describe("edge-case fixtures", () => {
    it("rejects a header missing MPID and totalWeeklyTradeCount, naming both", () => {
      const parsed = parseEdgeCase("missing-columns.csv");
      expect(parsed.headerIssues).toHaveLength(1);
      expect(parsed.headerIssues[0]).toContain("mpid (MPID)");
      expect(parsed.headerIssues[0]).toContain("tradeCount (totalWeeklyTradeCount or TotalTrades)");
    });

    it("rejects one row per rule in bad-rows and keeps valid and zero-activity rows", () => {
      const parsed = parseEdgeCase("bad-rows.csv");
      expect(parsed.rejected).toEqual([
        { lineNumber: 3, code: "EMPTY_SYMBOL" },
        { lineNumber: 4, code: "EMPTY_MPID" },
        { lineNumber: 5, code: "INVALID_SHARE_QUANTITY" },
        { lineNumber: 6, code: "NEGATIVE_SHARE_QUANTITY" },
        { lineNumber: 7, code: "INVALID_TRADE_COUNT" },
        { lineNumber: 8, code: "NEGATIVE_TRADE_COUNT" },
        { lineNumber: 9, code: "DUPLICATE_KEY" },
        { lineNumber: 10, code: "TIER_MISMATCH" },
        { lineNumber: 11, code: "INVALID_TIER" },
        { lineNumber: 12, code: "WEEK_MISMATCH" },
        { lineNumber: 13, code: "MALFORMED_ROW" },
      ]);
      expect(parsed.accepted.map((row) => [row.symbol, row.mpid, row.shareVolume, row.tradeCount])).toEqual([
        ["GOOD", "NWEX", 1000, 10],
        ["ZERO", "NWEX", 0, 0],
        ["GOOD", "MRDN", 1234, 2],
      ]);
      expect(checkRowsAccounted({ read: parsed.read, accepted: 3, rejected: 11 }).status).toBe("pass");
    });

    it("rejects mixed-weeks rows published for another week", () => {
      expect(codesOf("mixed-weeks.csv")).toEqual(["WEEK_MISMATCH", "WEEK_MISMATCH"]);
      const otherWeek = parseEdgeCase("mixed-weeks.csv", {
        dataset: "otc",
        tier: "OTC",
        weekEnding: "2025-10-10",
      });
      expect(otherWeek.accepted).toHaveLength(2);
    });

    it("records API summary rows and accepts detail rows", () => {
      const parsed = parseEdgeCase("api-export.csv");
      expect(parsed.rejected.map((reject) => reject.code)).toEqual([
        "SUMMARY_ROW",
        "SUMMARY_ROW",
        "SUMMARY_ROW",
      ]);
      expect(parsed.accepted.map((row) => `${row.symbol}/${row.mpid}/${row.shareVolume}`)).toEqual([
        "APIX/NWEX/30000",
        "APIX/HBRM/10000",
        "RSTX/NWEX/2500",
        "RSTX/CSTL/0",
      ]);
    });

    it.each([
      ["crlf-bom.csv", 3],
      ["quoted-fields.csv", 3],
      ["shuffled-columns.csv", 3],
      ["missing-final-newline.csv", 3],
      ["blank-lines.csv", 3],
      ["simple-format.csv", 4],
      ["golden-tiny.csv", 6],
    ])("accepts every row of %s (%d rows)", (name, expected) => {
      const parsed = parseEdgeCase(name);
      expect(parsed.headerIssues).toEqual([]);
      expect(parsed.rejected).toEqual([]);
      expect(parsed.accepted).toHaveLength(expected);
    });

    it("keeps quoted delimiters and escaped quotes in values", () => {
      const names = parseEdgeCase("quoted-fields.csv").accepted.map((row) => row.issueName);
      expect(names).toEqual([
        "Quote | Pipe Holdings Inc.",
        "Quote | Pipe Holdings Inc.",
        'Escape "Class A" Corp.',
      ]);
    });

    it("reads BOM, CRLF and shuffled columns into clean values", () => {
      expect(parseEdgeCase("crlf-bom.csv").accepted[0]).toMatchObject({
        symbol: "GRBX",
        shareVolume: 125000,
      });
      expect(parseEdgeCase("shuffled-columns.csv").accepted[1]).toMatchObject({
        symbol: "SHFL",
        mpid: "CSTL",
        tradeCount: 4,
      });
    });

    it("reproduces the hand-computed golden-tiny metrics in the README", () => {
      const volumes = parseEdgeCase("golden-tiny.csv").accepted;
      const shares = computeVenueShares(volumes);
      expect(shares.map((venue) => [venue.mpid, venue.marketShare, venue.rank])).toEqual([
        ["MMAA", 0.4, 1],
        ["MMCC", 0.35, 2],
        ["MMBB", 0.25, 3],
      ]);
      const hhis = computeSymbolConcentration(volumes).map((row) => row.hhi);
      expect(hhis[0]).toBeCloseTo(0.46, 12);
      expect(hhis[1]).toBeCloseTo(0.44, 12);
      expect(computeSymbolSummaries(volumes).map((row) => row.avgTradeSize)).toEqual([100, 125]);
    });
  });

  describe("generated fixtures", () => {
    it("parse without rejects and with venue shares summing to 1", () => {
      const files = readdirSync(GENERATED).filter((name) => name.endsWith(".csv"));
      expect(files).toHaveLength(30);
      for (const name of files) {
        // Named by week; validation then checks every row's lastUpdateDate is that week's publication date.
        const [, slug = "", weekEnding = ""] = /^(\w+?)_week_(\d{4}-\d{2}-\d{2})\.csv$/.exec(name) ?? [];
        const tier = parseTier(slug);
        const week = parseWeekEnding(weekEnding);
        if (!tier.ok || !week.ok) {
          throw new Error(`unexpected generated file name ${name}`);
        }
        const lines = readFileSync(join(GENERATED, name), "utf8").split("\n");
        const parsed = parseLines(lines, { dataset: "otc", tier: tier.value, weekEnding: week.value });
        expect(parsed.rejected).toEqual([]);
        expect(parsed.read).toBeGreaterThanOrEqual(300);
        expect(parsed.read).toBeLessThanOrEqual(700);
        const shares = computeVenueShares(parsed.accepted).map((venue) => venue.marketShare);
        expect(checkSharesSumToOne(shares).status).toBe("pass");
      }
    });
  });

  describe("generator", () => {
    const options = { tier: "NMS Tier 2", weekEnding: "2025-10-03", rows: 500, seed: 42 } as const;

    it("rejects a week ending that is not a Friday", () => {
      expect(() => [...generateFinraWeek({ ...options, weekEnding: "2025-10-01" })]).toThrow(/Friday/);
    });

    it("yields the same lines for the same seed and different lines for another", () => {
      const first = [...generateFinraWeek(options)];
      expect([...generateFinraWeek(options)]).toEqual(first);
      expect([...generateFinraWeek({ ...options, seed: 43 })]).not.toEqual(first);
    });

    it("yields the header then exactly the requested rows with unique (symbol, MPID)", () => {
      const [header, ...rows] = [...generateFinraWeek(options)];
      expect(header).toBe(
        "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate",
      );
      expect(rows).toHaveLength(500);
      const keys = new Set(rows.map((row) => row.split("|").slice(1, 5).join("|")));
      expect(keys.size).toBe(500);
      expect(rows.every((row) => row.startsWith("NMS Tier 2|") && row.endsWith("|2025-11-03"))).toBe(true);
    });

    it("names files by tier slug and publication date", () => {
      expect(publicationDate("NMS Tier 1", "2025-10-03")).toBe("2025-10-20");
      expect(finraFileName("OTC", publicationDate("OTC", "2025-10-03"))).toBe(
        "finra_otc_weekly_otc_20251103.csv",
      );
    });

    it("streams 200k rows without holding them in memory", () => {
      const baseline = process.memoryUsage().heapUsed;
      let peakGrowth = 0;
      let count = 0;
      for (const _line of generateFinraWeek({
        tier: "OTC",
        weekEnding: "2025-10-03",
        rows: 200_000,
        seed: 7,
      })) {
        count += 1;
        if (count % 10_000 === 0) {
          peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - baseline);
        }
      }
      expect(count).toBe(200_001);
      // Holding the lines costs ~85 MB; streaming stays near 5 MB.
      expect(peakGrowth).toBeLessThan(40 * 1024 * 1024);
    });
  });
});
