import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { otcDomain } from "@spine/domain-otc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

const newestWeek = "2025-11-21";

function addWeeks(week: string, weeks: number): string {
  const date = new Date(`${week}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + weeks * 7);
  return date.toISOString().slice(0, 10);
}
const weekCount = 8;

// The seeds' format: week_YYYY-MM-DD.psv files of WeekEnding|Tier|Symbol|MPID|TotalShares|TotalTrades.
function writeSeedFolder(): string {
  const directory = mkdtempSync(join(tmpdir(), "spine-seeds-"));
  for (let back = 0; back < weekCount; back += 1) {
    const week = addWeeks(newestWeek, -back);
    const rows = ["AAAA|MMAA", "AAAA|MMBB", "BBBB|MMAA"].map(
      (key, index) => `${week}|NMS_TIER_1|${key}|${(index + 1) * 1000 + back}|${index + 2}`,
    );
    const text = ["WeekEnding|Tier|Symbol|MPID|TotalShares|TotalTrades", ...rows].join("\n");
    writeFileSync(join(directory, `week_${week}.psv`), `${text}\n`);
  }
  return directory;
}

describe("integration", () => {
  describe("the seeds' own backfill command over a folder of week_YYYY-MM-DD.psv files", () => {
    let workspace: Workspace;
    let folder: string;
    let run: Awaited<ReturnType<Workspace["spine"]>>;
    beforeAll(async () => {
      folder = writeSeedFolder();
      workspace = createWorkspace([otcDomain]);
      expect((await workspace.spine("db", "init")).code).toBe(0);
      run = await workspace.spine(
        "run",
        "otc.backfill_range",
        "-p",
        "tier=NMS_TIER_1",
        "-p",
        "weeks_back=6",
        "-p",
        `source_dir=${folder}`,
        "--json",
      );
    }, 120_000);
    afterAll(() => {
      workspace.remove();
      rmSync(folder, { recursive: true, force: true });
    });

    it("loads the newest six weeks of NMS Tier 1, every stage completed", () => {
      expect(run.code, run.stderr).toBe(0);
      const document = JSON.parse(run.stdout);
      const table = document.execution.output.table as Array<Record<string, unknown>>;
      expect(table.map((row) => [row.tier, row.week_ending, row.status])).toEqual(
        [5, 4, 3, 2, 1, 0].map((back) => ["NMS Tier 1", addWeeks(newestWeek, -back), "completed"]),
      );
      expect(table.every((row) => row.rejects === 0 && row.rows === 3)).toBe(true);
    });

    it("serves the loaded weeks' venue shares", async () => {
      const result = await workspace.spine(
        "query",
        "otc.venue_shares",
        "-p",
        "tier=NMS_TIER_1",
        "-p",
        `week_ending=${newestWeek}`,
        "--json",
      );
      expect(result.code, result.stderr).toBe(0);
      const document = JSON.parse(result.stdout);
      const rows = (Array.isArray(document) ? document : document.rows) as Array<Record<string, unknown>>;
      expect(rows.map((row) => row.mpid)).toEqual(["MMAA", "MMBB"]);
    });
  });
});
