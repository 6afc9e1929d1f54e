import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { createTestDatabaseLocation } from "./support/test-backend.js";

const binary = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/bin.js");

describe("integration", () => {
  describe("the built spine binary with the real domains", () => {
    let directory: string;
    let database: TestDatabaseLocation | undefined;

    // SQLite: spine.db in the directory; with SPINE_TEST_DATABASE_URL, a scratch PostgreSQL database.
    function selectDatabase(): Record<string, string> {
      if (database && "databaseUrl" in database.settings)
        return { SPINE_DATABASE_URL: database.settings.databaseUrl };
      return { SPINE_DATABASE_PATH: join(directory, "spine.db") };
    }

    function spineEnvironment(): Record<string, string | undefined> {
      const environment = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !name.startsWith("SPINE_")),
      );
      return { ...environment, ...selectDatabase(), SPINE_LOG_LEVEL: "info" };
    }

    function spine(...argv: string[]) {
      const result = spawnSync(process.execPath, [binary, ...argv], {
        cwd: directory,
        encoding: "utf8",
        env: spineEnvironment(),
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    beforeAll(async () => {
      if (!existsSync(binary)) {
        throw new Error(`${binary} is missing: build first (npx -y pnpm@10 --filter @spine/cli... build)`);
      }
      directory = mkdtempSync(join(tmpdir(), "spine-binary-"));
      database = await createTestDatabaseLocation(directory);
    });
    afterAll(async () => {
      await database?.drop();
      if (directory) rmSync(directory, { recursive: true, force: true });
    });

    it("prints its version, from the bin shim and from the bundle alike", () => {
      const { version } = JSON.parse(readFileSync(resolve(dirname(binary), "../package.json"), "utf8"));
      const shim = spawnSync(process.execPath, [resolve(dirname(binary), "../bin/spine.mjs"), "--version"], {
        encoding: "utf8",
      });
      expect([shim.status, shim.stdout]).toEqual([0, `${version}\n`]);
      const bundled = spine("-V");
      expect([bundled.code, bundled.stdout]).toEqual([0, `${version}\n`]);
      expect(spine("--db", "x.db", "--version").stdout).toBe(`${version}\n`);
    });

    it("stops quietly when the reader of its output goes away (spine list --json | head -c 1)", () => {
      // 86 KB of JSON: more than a pipe holds, so the write after head has gone fails (EPIPE).
      const piped = spawnSync(
        "bash",
        ["-c", 'set -o pipefail; "$0" "$1" list --json | head -c 1 >/dev/null', process.execPath, binary],
        { cwd: directory, encoding: "utf8", env: spineEnvironment() },
      );
      expect(piped.stderr).toBe("");
      expect(piped.status).toBe(0);
    });

    it("exits 2 for run no.such and names close matches or the known pipelines", () => {
      const result = spine("run", "no.such");
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: Unknown pipeline "no\.such"\. (Did you mean|Known:)/);
      const names: string[] = JSON.parse(spine("list", "--json").stdout).pipelines.map(
        (entry: { name: string }) => entry.name,
      );
      if (names.length > 0) expect(names.some((name) => result.stderr.includes(name))).toBe(true);
    });

    it("exits 2 for an unknown command with a suggestion", () => {
      const result = spine("lsit");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Did you mean list?");
    });

    it("prints valid JSON for list --json", () => {
      const result = spine("list", "--json");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, pipelines: expect.any(Array) });
    });

    it("initialises the database idempotently with logs kept off stdout", () => {
      const first = spine("db", "init", "--json");
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout).applied.length).toBeGreaterThan(0);
      const second = spine("db", "init");
      expect(second.code).toBe(0);
      expect(second.stdout).toContain("Nothing to apply");
    });

    it("prints db status --json as one JSON document", () => {
      const result = spine("db", "status", "--json");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).current).toBe(true);
    });

    it("passes doctor on the initialised database", () => {
      const result = spine("doctor");
      expect(result.stdout).toContain("All checks passed.");
      expect(result.code).toBe(0);
    });
  });
});
