import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { atsDomain } from "@spine/domain-ats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

const folder = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/finra-ats/${name}`, import.meta.url));

type Row = Record<string, unknown>;

async function query(workspace: Workspace, name: string, ...params: string[]): Promise<Row[]> {
  const result = await workspace.spine("query", name, ...params.flatMap((param) => ["-p", param]), "--json");
  expect(result.code, result.stderr).toBe(0);
  const document = JSON.parse(result.stdout);
  return Array.isArray(document) ? document : document.rows;
}

// The lines of a generated file that are not ATS_W_SMBL_FIRM detail rows, by line number.
function summaryLinesOf(file: string): number[] {
  const lines = readFileSync(file, "utf8").trimEnd().split("\n");
  return lines.flatMap((line, index) =>
    index > 0 && !line.includes(",ATS_W_SMBL_FIRM,") ? [index + 1] : [],
  );
}

describe("integration", () => {
  describe("spine with the ATS domain, backfilling the generated fixtures", () => {
    let workspace: Workspace;
    beforeAll(async () => {
      workspace = createWorkspace([atsDomain]);
      expect((await workspace.spine("db", "init")).code).toBe(0);
      const run = await workspace.spine(
        "run",
        "ats.backfill_range",
        "-p",
        `source_dir=${folder("generated")}`,
        "--json",
      );
      expect(run.code, run.stderr).toBe(0);
    }, 120_000);
    afterAll(() => workspace.remove());

    it("lists the ats pipelines", async () => {
      const listed = JSON.parse((await workspace.spine("list", "--json")).stdout);
      const names = JSON.stringify(listed);
      for (const name of ["ats.ingest_week", "ats.normalize_week", "ats.aggregate_week", "ats.compute_trend"])
        expect(names).toContain(name);
      expect(names).toContain("ats.backfill_range");
      expect(names).toContain("ats.rollback_capture");
    });

    it("loads all 12 tier-weeks, and each tier-week's ATS shares add up to 1", async () => {
      const weeks = await query(workspace, "ats.weeks");
      expect(weeks).toHaveLength(12);
      for (const week of weeks) {
        const shares = await query(
          workspace,
          "ats.venue_shares",
          `tier=${week.tier}`,
          `week_ending=${week.week_ending}`,
        );
        expect(shares.reduce((sum, ats) => sum + Number(ats.market_share), 0)).toBeCloseTo(1, 12);
        expect(shares.map((ats) => ats.share_rank)).toEqual(shares.map((_, index) => index + 1));
      }
    });

    it("rejects every summary row with its line number and keeps its volume out of the ATS total", async () => {
      const file = `${folder("generated")}/ats_tier1_week_2025-09-12.csv`;
      const rejects = await query(
        workspace,
        "ats.rejects",
        "tier=T1",
        "week_ending=2025-09-12",
        "limit=1000",
      );
      expect(rejects.every((reject) => reject.reason_code === "SUMMARY_ROW")).toBe(true);
      expect(rejects.map((reject) => reject.line_number)).toEqual(summaryLinesOf(file));
      const volumeStats = readFileSync(file, "utf8")
        .split("\n")
        .find((line) => line.includes("ATS_W_VOL_STATS"));
      const [week] = (await query(workspace, "ats.weeks", "tier=T1")).filter(
        (row) => row.week_ending === "2025-09-12",
      );
      expect(week?.ats_shares).toBe(Number(volumeStats?.split(",")[6]));
    });

    it("counts every row read as accepted or rejected", async () => {
      // The aggregate's research checks are recorded too (see domain-ats tests); this is normalize's.
      const all = await query(workspace, "ats.quality", "limit=1000");
      const checks = all.filter((check) => check.check_name === "normalize.rows_accounted");
      expect(checks).toHaveLength(12);
      expect(checks.every((check) => check.status === "pass")).toBe(true);
    });

    it("warns on db init that the database holds the demo's generated weeks", async () => {
      const init = await workspace.spine("db", "init", "--json");
      expect(init.code).toBe(0);
      expect(JSON.parse(init.stdout).demoData).toEqual(["fixtures/finra-ats/generated"]);
      expect(init.stderr).toMatch(
        /^warning: .* holds the demo's generated weeks \(loaded from fixtures\/finra-ats\/generated\)/,
      );
    });
  });

  describe("spine with the ATS domain, backfilling the hand-written edge cases", () => {
    let workspace: Workspace;
    beforeAll(async () => {
      workspace = createWorkspace([atsDomain]);
      expect((await workspace.spine("db", "init")).code).toBe(0);
      const run = await workspace.spine(
        "run",
        "ats.backfill_range",
        "-p",
        `source_dir=${folder("edge-cases")}`,
        "--json",
      );
      expect(run.code, run.stderr).toBe(0);
    }, 120_000);
    afterAll(() => workspace.remove());

    it("gives golden-tiny.csv's hand-computed shares, ranks, trade sizes and HHIs", async () => {
      const shares = await query(workspace, "ats.venue_shares", "tier=T1", "week_ending=2025-09-12");
      expect(shares.map((ats) => [ats.mpid, ats.share_rank, ats.shares, ats.avg_trade_size])).toEqual([
        ["ZQBB", 1, 1200, 240],
        ["ZQAA", 2, 600, 100],
        ["ZQCC", 3, 200, 50],
      ]);
      expect(shares.map((ats) => Number(ats.market_share))).toEqual(
        [0.6, 0.3, 0.1].map((share) => expect.closeTo(share, 12)),
      );
      const symbols = await query(workspace, "ats.symbol_concentration", "tier=T1", "week_ending=2025-09-12");
      expect(symbols.map((symbol) => [symbol.symbol, symbol.top_mpid, symbol.ats_count])).toEqual([
        ["BBBB", "ZQBB", 2],
        ["AAAA", "ZQAA", 3],
      ]);
      expect(Number(symbols[0]?.hhi)).toBeCloseTo(0.82, 12);
      expect(Number(symbols[1]?.hhi)).toBeCloseTo(0.38, 12);
    });

    it("rejects the download file's repeated row and bad count by line, and the summary-only week entirely", async () => {
      const download = await query(workspace, "ats.rejects", "tier=OTC", "week_ending=2025-09-12");
      expect(download.map((reject) => [reject.line_number, reject.reason_code])).toEqual([
        [5, "DUPLICATE_KEY"],
        [6, "INVALID_SHARE_QUANTITY"],
      ]);
      const summaryOnly = await query(workspace, "ats.rejects", "tier=T2", "week_ending=2025-09-12");
      expect(summaryOnly.map((reject) => [reject.line_number, reject.reason_code])).toEqual([
        [2, "SUMMARY_ROW"],
        [3, "SUMMARY_ROW"],
        [4, "SUMMARY_ROW"],
      ]);
      expect(await query(workspace, "ats.venue_shares", "tier=T2", "week_ending=2025-09-12")).toEqual([]);
    });

    it("reads the week of a file without a week column from a Tuesday publication after Labor Day", async () => {
      const shares = await query(workspace, "ats.venue_shares", "tier=T1", "week_ending=2025-08-15");
      expect(shares.map((ats) => [ats.mpid, ats.shares])).toEqual([
        ["ZQAA", 800],
        ["ZQBB", 200],
      ]);
    });
  });
});
