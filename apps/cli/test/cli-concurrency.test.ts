import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSettings, openDatabase, sql } from "@spine/platform";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { createTestDatabaseLocation, testBackend } from "./support/test-backend.js";

const here = dirname(fileURLToPath(import.meta.url));
const binary = resolve(here, "../dist/bin.js");
const sourceDirectory = resolve(here, "../../../fixtures/finra-otc/generated");

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// The weeks whose ingest stage a `run otc.backfill_range --json` reports as completed.
function completedIngests(stdout: string): string[] {
  if (stdout.trim() === "") return [];
  const document = JSON.parse(stdout) as {
    execution?: { output?: { table?: Array<{ week_ending: string; ingest: string }> } };
  };
  const table = document.execution?.output?.table ?? [];
  return table.filter((row) => row.ingest === "completed").map((row) => row.week_ending);
}

describe("integration", () => {
  // Separate OS processes, as two `spine` commands on two machines would be: only the database's
  // locks (advisory on PostgreSQL, core_locks rows on SQLite) keep them apart.
  describe(`concurrent spine processes (${testBackend})`, () => {
    let directory: string;
    let database: TestDatabaseLocation;

    beforeEach(async () => {
      expect(existsSync(binary), "build @spine/cli first (turbo runs build before test)").toBe(true);
      directory = mkdtempSync(join(tmpdir(), "spine-concurrency-"));
      database = await createTestDatabaseLocation(directory);
      expect((await spine({}, "db", "init")).code).toBe(0);
    });

    afterEach(async () => {
      await database.drop();
      rmSync(directory, { recursive: true, force: true });
    });

    function spine(extraEnvironment: Record<string, string>, ...argv: string[]): Promise<Outcome> {
      const environment = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !name.startsWith("SPINE_")),
      );
      const selection =
        "databaseUrl" in database.settings
          ? { SPINE_DATABASE_URL: database.settings.databaseUrl }
          : { SPINE_DATABASE_PATH: database.settings.databasePath };
      const child = spawn(process.execPath, [binary, ...argv], {
        cwd: directory,
        env: { ...environment, ...selection, SPINE_LOG_LEVEL: "warn", ...extraEnvironment },
      });
      const stdout: string[] = [];
      const stderr: string[] = [];
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
      return new Promise((done) =>
        child.once("close", (code) => done({ code, stdout: stdout.join(""), stderr: stderr.join("") })),
      );
    }

    const backfill = (tier: string, environment: Record<string, string> = {}) =>
      spine(
        environment,
        "run",
        "otc.backfill_range",
        "-p",
        `tier=${tier}`,
        "-p",
        "start_week=2025-10-03",
        "-p",
        "end_week=2025-10-17",
        "-p",
        `source_dir=${sourceDirectory}`,
        "--json",
      );

    async function capturesPerPartition(): Promise<
      Array<{ tier: string; week_ending: string; stage: string; n: number }>
    > {
      const handle = await openDatabase(loadSettings(database.settings, {}));
      try {
        const result = await sql<{ tier: string; week_ending: string; stage: string; n: number }>`
          select tier, week_ending, stage, count(*) as n from otc_captures
          group by tier, week_ending, stage order by tier, week_ending, stage`.execute(handle.db);
        return result.rows.map((row) => ({ ...row, n: Number(row.n) }));
      } finally {
        await handle.close();
      }
    }

    it("runs two backfills of different tiers at the same time, both to completion", async () => {
      const [otc, tier1] = await Promise.all([backfill("OTC"), backfill("tier1")]);
      expect(otc.code, otc.stderr).toBe(0);
      expect(tier1.code, tier1.stderr).toBe(0);
      const captures = await capturesPerPartition();
      expect(new Set(captures.map((row) => row.tier)).size).toBe(2);
      expect(captures.every((row) => row.n === 1)).toBe(true);
    }, 120_000);

    it("never lets two backfills of the same tier-weeks both write a capture", async () => {
      // The second process's short lock wait makes it fail with LOCK_TIMEOUT instead of waiting and
      // skipping. The first waits patiently: two impatient backfills (which go on past a failed
      // week) can each time out on a week the other holds, and then neither completes, which is
      // correct behaviour but not this test's subject.
      const [first, second] = await Promise.all([
        backfill("OTC", { SPINE_LOCK_TIMEOUT_MS: "30000" }),
        backfill("OTC", { SPINE_LOCK_TIMEOUT_MS: "200" }),
      ]);
      const outcomes = [first, second];
      expect(outcomes.some((outcome) => outcome.code === 0)).toBe(true);
      for (const outcome of outcomes.filter((candidate) => candidate.code !== 0)) {
        expect(`${outcome.stdout}${outcome.stderr}`).toMatch(
          /LOCK_TIMEOUT|locked by execution [0-9a-f-]{36}/,
        );
      }
      // Each week's ingest completed in exactly one process; the other skipped it or timed out.
      const ingested = outcomes.flatMap((outcome) => completedIngests(outcome.stdout));
      expect(ingested.sort()).toEqual(["2025-10-03", "2025-10-10", "2025-10-17"]);
      const captures = await capturesPerPartition();
      expect(captures.length).toBeGreaterThan(0);
      expect(captures.filter((row) => row.n !== 1)).toEqual([]);
    }, 120_000);
  });
});
