import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DomainDefinition } from "@spine/platform";
import { runCli } from "../../src/index.js";
import type { TestDatabaseLocation } from "./test-backend.js";
import { createTestDatabaseLocation } from "./test-backend.js";
import { testDomain } from "./test-domain.js";

/** What one in-process `spine` invocation produced. */
export interface SpineResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly logs: string;
}

/** A throwaway directory holding one test's database. */
export interface Workspace {
  readonly directory: string;
  readonly databasePath: string;
  /** Runs `spine <argv>` in-process against this workspace's database. */
  spine(...argv: string[]): Promise<SpineResult>;
  /** The database as `--db` takes it: `databasePath`, or a scratch PostgreSQL URL (see test-backend). */
  location(): Promise<string>;
  remove(): Promise<void>;
}

/**
 * Creates a workspace whose database is `spine.db` in a new temporary directory, or, when
 * SPINE_TEST_DATABASE_URL is set, a scratch PostgreSQL database created on first use.
 */
export function createWorkspace(domains: readonly DomainDefinition[] = [testDomain]): Workspace {
  const directory = mkdtempSync(join(tmpdir(), "spine-cli-"));
  const databasePath = join(directory, "spine.db");
  let target: Promise<TestDatabaseLocation> | undefined;
  const database = () => {
    target ??= createTestDatabaseLocation(directory);
    return target;
  };
  return {
    directory,
    databasePath,
    location: async () => (await database()).location,
    async spine(...argv) {
      const location = await database();
      const selection =
        "databaseUrl" in location.settings
          ? { SPINE_DATABASE_URL: location.settings.databaseUrl }
          : { SPINE_DATABASE_PATH: location.settings.databasePath };
      const stdout: string[] = [];
      const stderr: string[] = [];
      const logs: string[] = [];
      const code = await runCli(argv, {
        domains,
        stdout: (text) => stdout.push(text),
        stderr: (text) => stderr.push(text),
        logSink: (line) => logs.push(line),
        env: { ...selection, SPINE_LOG_LEVEL: "info" },
      });
      return { code, stdout: stdout.join(""), stderr: stderr.join(""), logs: logs.join("") };
    },
    remove: async () => {
      if (target) await (await target).drop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
