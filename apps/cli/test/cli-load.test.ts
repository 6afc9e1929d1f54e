import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { atsDomain } from "@spine/domain-ats";
import { otcDomain } from "@spine/domain-otc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

const otcFolder = join(import.meta.dirname, "../../../fixtures/finra-otc/generated");
const atsFolder = join(import.meta.dirname, "../../../fixtures/finra-ats/generated");

interface LoadDocument {
  ok: boolean;
  loads: Array<{
    domain: string;
    execution: { pipeline: string; status: string; params: Record<string, unknown> };
  }>;
}

// Issue #14, item 2: one command loads files through every stage, for any domain.
describe("integration", () => {
  describe("spine load", () => {
    let workspace: Workspace;
    beforeAll(async () => {
      workspace = createWorkspace([otcDomain, atsDomain]);
      expect((await workspace.spine("db", "init")).code).toBe(0);
    });
    afterAll(() => workspace.remove());

    it("takes one OTC file through every stage, so queries answer at once", async () => {
      const file = join(otcFolder, "otc_week_2025-10-31.csv");
      const load = await workspace.spine("load", file, "--json");
      expect(load.code).toBe(0);
      const document = JSON.parse(load.stdout) as LoadDocument;
      expect(document.loads.map((entry) => [entry.domain, entry.execution.status])).toEqual([
        ["otc", "completed"],
      ]);
      const query = await workspace.spine(
        "query",
        "otc.research_snapshot",
        "-p",
        "tier=OTC",
        "-p",
        "week_ending=2025-10-31",
        "--json",
      );
      expect(query.code).toBe(0);
      expect((JSON.parse(query.stdout) as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    });

    it("loads folders of both domains, each by the domain that recognises its files", async () => {
      const load = await workspace.spine("load", atsFolder, otcFolder, "--json");
      expect(load.code).toBe(0);
      const document = JSON.parse(load.stdout) as LoadDocument;
      expect(document.ok).toBe(true);
      const runs = document.loads.map((entry) => [
        entry.domain,
        entry.execution.pipeline,
        entry.execution.status,
      ]);
      expect(runs).toEqual([
        ["ats", "ats.backfill_range", "completed"],
        ["otc", "otc.backfill_range", "completed"],
      ]);
    }, 180_000); // both folders whole, through every stage: a minute on a busy PostgreSQL server

    it("in a folder holding both, each domain takes its own files and never the other's", async () => {
      const folder = mkdtempSync(join(tmpdir(), "spine-load-"));
      copyFileSync(
        join(atsFolder, "ats_tier1_week_2025-09-05.csv"),
        join(folder, "ats_tier1_week_2025-09-05.csv"),
      );
      copyFileSync(join(otcFolder, "otc_week_2025-10-31.csv"), join(folder, "otc_week_2025-10-31.csv"));
      const load = await workspace.spine("load", folder, "--json", "--force");
      expect(load.code).toBe(0);
      const metrics = (JSON.parse(load.stdout) as LoadDocument).loads.map((entry) => [
        entry.domain,
        (entry.execution as unknown as { metrics: Record<string, unknown> }).metrics,
      ]);
      expect(metrics).toEqual([
        ["otc", expect.objectContaining({ weeks_planned: 1, range_start: "2025-10-31" })],
        ["ats", expect.objectContaining({ tier_weeks_planned: 1, files_found: 1 })],
      ]);
    });

    it("refuses a path that does not exist, or holds nothing a domain can load, naming it", async () => {
      const missing = await workspace.spine("load", "/no/such/folder");
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe("error: /no/such/folder: no such file or folder.\n");
      const folder = mkdtempSync(join(tmpdir(), "spine-load-"));
      writeFileSync(join(folder, "notes.txt"), "not a FINRA file\n");
      const unrelated = await workspace.spine("load", folder);
      expect(unrelated.code).toBe(1);
      expect(unrelated.stderr).toContain("no file that otc, ats can load (found: notes.txt)");
    });

    it("asks which domain a renamed file belongs to when both could read it, and loads it once told", async () => {
      const folder = mkdtempSync(join(tmpdir(), "spine-load-"));
      const file = join(folder, "downloaded.csv");
      const header =
        "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";
      writeFileSync(file, `${header}\nOTC|AAAA|A Inc.|Alpha LLC|ALPH|1000|10|2025-12-15\n`);
      const ambiguous = await workspace.spine("load", file);
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toContain("downloaded.csv can be read as otc or ats data; pass --domain");
      const told = await workspace.spine("load", file, "--domain", "otc", "--json");
      expect(told.code).toBe(0);
      expect((JSON.parse(told.stdout) as LoadDocument).loads.map((entry) => entry.domain)).toEqual(["otc"]);
    });

    it("refuses a --domain that cannot load files, naming those that can", async () => {
      const run = await workspace.spine("load", otcFolder, "--domain", "nope");
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--domain expects a domain that loads files: otc, ats (got nope)");
    });
  });
});
