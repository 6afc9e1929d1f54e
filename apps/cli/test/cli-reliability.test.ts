import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { loadSettings, openDatabase, sql } from "@spine/platform";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ProcessOutcome } from "./support/spawn-spine.js";
import {
  otcFixtures,
  runningAsRoot,
  selectionOf,
  spawnSpine,
  spineBinary,
  unprivileged,
} from "./support/spawn-spine.js";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { createTestDatabaseLocation, testBackend } from "./support/test-backend.js";

// Issue #13: what the user is told when a parameter, a source file or the database is at fault.
describe("integration", () => {
  describe(`faults reported clearly (${testBackend})`, () => {
    let directory: string;
    let database: TestDatabaseLocation;

    beforeEach(async () => {
      expect(existsSync(spineBinary), "build @spine/cli first (turbo runs build before test)").toBe(true);
      directory = mkdtempSync(join(tmpdir(), "spine-reliability-"));
      database = await createTestDatabaseLocation(directory);
      expect((await spine(["db", "init"])).code).toBe(0);
    });

    afterEach(async () => {
      await database.drop();
      rmSync(directory, { recursive: true, force: true });
    });

    const spine = (argv: readonly string[], options: Parameters<typeof spawnSpine>[2] = {}) =>
      spawnSpine(database, argv, { cwd: directory, ...options });

    const backfillOf = (sourceDirectory: string, ...extra: string[]) => [
      "run",
      "otc.backfill_range",
      "-p",
      "tier=OTC",
      "-p",
      `source_dir=${sourceDirectory}`,
      ...extra,
    ];

    // Root ignores file permissions: the command runs as an unprivileged user instead, who must
    // reach the database files.
    function asUnprivileged(): { asUser?: { uid: number; gid: number } } {
      if (!runningAsRoot) return {};
      chmodSync(directory, 0o777);
      for (const name of readdirSync(directory)) chmodSync(join(directory, name), 0o666);
      return { asUser: unprivileged };
    }

    it("bounds weeks_back in its schema: exit 2 naming the bound, with or without --dry-run (failure 5)", async () => {
      for (const extra of [[], ["--dry-run"]]) {
        const outcome = await spine(backfillOf(otcFixtures, "-p", "weeks_back=1000000000", ...extra));
        expect(outcome.code, outcome.stderr).toBe(2);
        expect(outcome.stderr).toContain("weeks_back");
        expect(outcome.stderr).toContain("<=1040");
        expect(outcome.stderr).not.toMatch(/Invalid time value|RangeError/);
      }
    }, 60_000);

    it("accepts only plain decimal integers for integer parameters (failure 12)", async () => {
      for (const text of ["0x6", "1e1", " 6"]) {
        const outcome = await spine(backfillOf(otcFixtures, "-p", `window_weeks=${text}`, "--dry-run"));
        expect(outcome.code, outcome.stderr).toBe(2);
        expect(outcome.stderr).toContain("window_weeks: must be a plain decimal integer");
      }
    }, 60_000);

    it("reports an unreadable source file as the SOURCE error with its path (failure 7)", async () => {
      const sources = join(directory, "sources");
      mkdirSync(sources);
      const file = join(sources, "otc_week_2025-10-03.csv");
      copyFileSync(join(otcFixtures, "otc_week_2025-10-03.csv"), file);
      chmodSync(file, 0o000);
      chmodSync(sources, 0o755);
      const outcome = await spine(
        ["run", "otc.ingest_week", "-p", `file_path=${file}`, "--json"],
        asUnprivileged(),
      );
      expect(outcome.code, outcome.stderr).toBe(1);
      expect(outcome.stderr).toContain(`Cannot read source file ${file}: permission denied (EACCES).`);
      const document = JSON.parse(outcome.stdout) as { execution: { errorCode: string } };
      expect(document.execution.errorCode).toBe("SOURCE");
    }, 60_000);

    it("follows symbolic links to source files in the backfill's folder scan (failure 10)", async () => {
      const sources = join(directory, "linked");
      mkdirSync(sources);
      const { symlinkSync } = await import("node:fs");
      symlinkSync(join(otcFixtures, "otc_week_2025-10-03.csv"), join(sources, "otc_week_2025-10-03.csv"));
      const outcome = await spine([...backfillOf(sources), "--json"]);
      expect(outcome.code, outcome.stderr).toBe(0);
      const document = JSON.parse(outcome.stdout) as { execution: { metrics: Record<string, unknown> } };
      expect(document.execution.metrics).toMatchObject({ weeks_planned: 1, weeks_completed: 1 });
    }, 60_000);

    it("marks the executions of a killed run abandoned, never running, and the rerun completes (failure 1)", async () => {
      const child = spawn(process.execPath, [spineBinary, ...backfillOf(otcFixtures)], {
        cwd: directory,
        env: { ...process.env, ...selectionOf(database), SPINE_LOG_LEVEL: "warn" },
      });
      // Killed once it has recorded a few executions, mid-run.
      for (let attempt = 0; attempt < 200 && (await executionCount()) < 4; attempt += 1) await delay(25);
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("close", resolve));
      const listed = await spine(["executions", "list", "--all", "--limit", "500", "--json"]);
      expect(listed.code, listed.stderr).toBe(0);
      const executions = (
        JSON.parse(listed.stdout) as { executions: Array<{ status: string; error: string }> }
      ).executions;
      expect(
        executions.filter((execution) => execution.status === "running" || execution.status === "pending"),
      ).toEqual([]);
      const abandoned = executions.filter((execution) => execution.status === "abandoned");
      expect(abandoned.length).toBeGreaterThan(0);
      expect(abandoned[0]?.error).toMatch(/^abandoned: /);
      const rerun = await spine(backfillOf(otcFixtures));
      expect(rerun.code, rerun.stderr).toBe(0);
    }, 120_000);

    async function executionCount(): Promise<number> {
      const handle = await openDatabase(loadSettings(database.settings, {}));
      try {
        const result = await sql<{ n: number }>`select count(*) as n from core_executions`.execute(handle.db);
        return Number(result.rows[0]?.n ?? 0);
      } catch {
        return 0;
      } finally {
        await handle.close();
      }
    }

    it.skipIf(testBackend !== "sqlite")(
      "queries a read-only database, and a writing command says it is read-only (failure 8)",
      async () => {
        const loaded = await spine(
          backfillOf(otcFixtures, "-p", "start_week=2025-10-03", "-p", "end_week=2025-10-10"),
        );
        expect(loaded.code, loaded.stderr).toBe(0);
        const user = runningAsRoot ? { asUser: unprivileged } : {};
        for (const name of readdirSync(directory)) chmodSync(join(directory, name), 0o444);
        chmodSync(directory, runningAsRoot ? 0o755 : 0o555);
        try {
          const reads: ProcessOutcome[] = [
            await spine(
              ["query", "otc.venue_shares", "-p", "tier=OTC", "-p", "week_ending=2025-10-10", "--json"],
              user,
            ),
            await spine(["executions", "list"], user),
            await spine(["db", "status"], user),
            await spine(["otc", "captures"], user),
          ];
          for (const outcome of reads) expect(outcome.code, outcome.stderr).toBe(0);
          expect(JSON.parse(reads[0]?.stdout ?? "").rows?.length ?? 1).toBeGreaterThan(0);
          const write = await spine(backfillOf(otcFixtures), user);
          expect(write.code, write.stderr).toBe(1);
          expect(write.stderr).toMatch(/The database at .* is read-only .*: this command writes to it/);
        } finally {
          chmodSync(directory, 0o755);
        }
      },
      120_000,
    );

    it.skipIf(testBackend !== "sqlite")(
      "reports a SQLite write lock held past the busy timeout as LOCK_TIMEOUT, exit 1 (failure 6)",
      async () => {
        const handle = await openDatabase(loadSettings(database.settings, {}));
        try {
          let outcome: ProcessOutcome | undefined;
          await handle.transaction(async (scope) => {
            // Holds the write lock while the other process tries to record its execution.
            await sql`update core_migrations set applied_at = applied_at`.execute(scope.db);
            outcome = await spine(backfillOf(otcFixtures, "-p", "weeks_back=1", "--json"), {
              environment: { SPINE_BUSY_TIMEOUT_MS: "100" },
            });
          });
          expect(outcome?.code, outcome?.stderr).toBe(1);
          expect(outcome?.stderr).toContain(
            "is busy: another process held its write lock for longer than 100 ms",
          );
          expect(JSON.parse(outcome?.stdout ?? "")).toMatchObject({
            ok: false,
            error: { code: "LOCK_TIMEOUT" },
          });
        } finally {
          await handle.close();
        }
      },
      60_000,
    );
  });
});
