import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { atsDomain } from "@spine/domain-ats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

const generated = fileURLToPath(new URL("../../../fixtures/finra-ats/generated", import.meta.url));

describe("integration", () => {
  describe("spine archive and spine restore, as a new user runs them", () => {
    let workspace: Workspace;
    let archiveDirectory: string;
    const spine = (...argv: string[]) =>
      workspace.spineWithEnv({ SPINE_ARCHIVE_DIR: archiveDirectory }, ...argv);
    const rawLineCount = async () => {
      const status = JSON.parse((await spine("db", "status", "--json")).stdout);
      return status.tables.find((table: { name: string }) => table.name === "ats_raw_lines").rowCount;
    };
    beforeAll(async () => {
      workspace = createWorkspace([atsDomain]);
      archiveDirectory = join(workspace.directory, "archive");
      expect((await spine("db", "init")).code).toBe(0);
      const run = await spine("run", "ats.backfill_range", "-p", `source_dir=${generated}`, "--json");
      expect(run.code, run.stderr).toBe(0);
    }, 120_000);
    afterAll(() => workspace.remove());

    it("refuses an unreadable age and a restore that names nothing", async () => {
      const badAge = await spine("archive", "--raw-older-than", "two years");
      expect(badAge.code).toBe(2);
      expect(badAge.stderr).toContain("2y or 26w");
      const nothingNamed = await spine("restore");
      expect(nothingNamed.code).toBe(2);
      expect(nothingNamed.stderr).toContain("--week");
    });

    it("archives every raw capture, restores one week, and says what is archived", async () => {
      const before = await rawLineCount();
      const dryRun = JSON.parse(
        (await spine("archive", "--raw-older-than", "0d", "--dry-run", "--json")).stdout,
      );
      expect(dryRun.archived).toHaveLength(12);
      expect(await rawLineCount()).toBe(before);
      const archived = await spine("archive", "--raw-older-than", "0d", "--json");
      expect(archived.code, archived.stderr).toBe(0);
      const outcome = JSON.parse(archived.stdout);
      expect(outcome.archived).toHaveLength(12);
      expect(readdirSync(archiveDirectory)).toHaveLength(12);
      expect(await rawLineCount()).toBe(0);
      const again = await spine("archive", "--raw-older-than", "0d");
      expect(again.stdout).toContain("Nothing to archive");
      expect(again.stdout).toContain("12 already archived");
      const week = outcome.archived[0].partition.week_ending;
      const restored = await spine("restore", "--week", week, "--json");
      expect(restored.code, restored.stderr).toBe(0);
      const rows = JSON.parse(restored.stdout).restored;
      expect(rows).toHaveLength(3);
      const restoredCount = rows.reduce(
        (sum: number, row: { rows: { ats_raw_lines: number } }) => sum + row.rows.ats_raw_lines,
        0,
      );
      expect(await rawLineCount()).toBe(restoredCount);
      const captures = JSON.parse((await spine("query", "ats.captures", "--json")).stdout).rows;
      const ingest = captures.filter((row: { stage: string }) => row.stage === "ingest");
      expect(ingest.filter((row: { archived: boolean }) => row.archived)).toHaveLength(9);
    });
  });
});
