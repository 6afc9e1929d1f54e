import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, openDatabase, sql } from "@spine/platform";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runningAsRoot, spawnSpine } from "./support/spawn-spine.js";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { testBackend } from "./support/test-backend.js";

const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

// A download-format OTC week far larger than the free space left on the small file system.
function writeLargeWeek(path: string, rows: number): void {
  const lines = [header];
  for (let index = 0; index < rows; index += 1)
    lines.push(
      `OTC|S${index}|Issue number ${index} Common Stock|Venue ${index % 40}|MM${index % 40}|${1000 + index}|${index % 97}|2025-12-15`,
    );
  writeFileSync(path, `${lines.join("\n")}\n`);
}

// Issue #13, failure 3: a full disk inside a stage was reported as "cannot rollback - no
// transaction is active", hiding SQLITE_FULL. Needs a small tmpfs, so root (and SQLite).
describe.skipIf(testBackend !== "sqlite" || !runningAsRoot)("integration", () => {
  describe("a full disk inside a stage (SQLite on a 5 MB tmpfs)", () => {
    let directory: string;
    let mountPoint: string;
    let database: TestDatabaseLocation;

    beforeEach(() => {
      directory = mkdtempSync(join(tmpdir(), "spine-disk-full-"));
      mountPoint = join(directory, "small");
      mkdirSync(mountPoint);
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=5m", "tmpfs", mountPoint]);
      const path = join(mountPoint, "spine.db");
      database = { settings: { databasePath: path }, location: path, drop: async () => undefined };
    });

    afterEach(() => {
      execFileSync("umount", [mountPoint]);
      rmSync(directory, { recursive: true, force: true });
    });

    it("says the disk is full at the database's path, exit 1, after a real rollback", async () => {
      expect((await spawnSpine(database, ["db", "init"], { cwd: directory })).code).toBe(0);
      const file = join(directory, "finra_otc_weekly_otc_20251215.csv");
      writeLargeWeek(file, 60_000);
      const outcome = await spawnSpine(database, ["run", "otc.ingest_week", "-p", `file_path=${file}`], {
        cwd: directory,
      });
      expect(outcome.code, outcome.stderr).toBe(1);
      expect(outcome.stderr).toContain(`database or disk is full at ${database.location}`);
      expect(outcome.stderr).not.toContain("cannot rollback");
      const handle = await openDatabase(loadSettings(database.settings, {}));
      try {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db);
        expect(check.rows).toEqual([{ integrity_check: "ok" }]);
        const raw = await sql<{ n: number }>`select count(*) as n from otc_raw_rows`.execute(handle.db);
        expect(Number(raw.rows[0]?.n)).toBe(0);
        const locks = await sql<{ n: number }>`select count(*) as n from core_locks`.execute(handle.db);
        expect(Number(locks.rows[0]?.n)).toBe(0);
        const executions = await sql<{ status: string; error: string | null }>`
          select status, error from core_executions`.execute(handle.db);
        expect(executions.rows).toEqual([
          { status: "failed", error: expect.stringContaining("database or disk is full at") },
        ]);
      } finally {
        await handle.close();
      }
    }, 120_000);
  });
});
