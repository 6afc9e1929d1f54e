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
  /** Runs `spine <argv>` in-process like `spine`, with `env` added (e.g. SPINE_FINRA_API_URL). */
  spineWithEnv(env: Readonly<Record<string, string>>, ...argv: string[]): Promise<SpineResult>;
  /**
   * Runs `spine <argv>` as a person at a terminal would: stderr is a TTY, logs go to it (no log
   * sink, no SPINE_LOG_LEVEL), with `env` added.
   */
  spineOnTerminal(env: Readonly<Record<string, string>>, ...argv: string[]): Promise<SpineResult>;
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
  const selection = async () => {
    const location = await database();
    return "databaseUrl" in location.settings
      ? { SPINE_DATABASE_URL: location.settings.databaseUrl }
      : { SPINE_DATABASE_PATH: location.settings.databasePath };
  };
  return {
    directory,
    databasePath,
    location: async () => (await database()).location,
    async spineOnTerminal(env, ...argv) {
      const stdout: string[] = [];
      const stderr: string[] = [];
      const code = await runCli(argv, {
        domains,
        stdout: (text) => stdout.push(text),
        stderr: (text) => stderr.push(text),
        stderrIsTty: true,
        env: { ...(await selection()), ...env },
      });
      return { code, stdout: stdout.join(""), stderr: stderr.join(""), logs: "" };
    },
    spine(...argv) {
      return this.spineWithEnv({}, ...argv);
    },
    async spineWithEnv(env, ...argv) {
      const stdout: string[] = [];
      const stderr: string[] = [];
      const logs: string[] = [];
      const code = await runCli(argv, {
        domains,
        stdout: (text) => stdout.push(text),
        stderr: (text) => stderr.push(text),
        logSink: (line) => logs.push(line),
        env: { ...(await selection()), SPINE_LOG_LEVEL: "info", ...env },
      });
      return { code, stdout: stdout.join(""), stderr: stderr.join(""), logs: logs.join("") };
    },
    remove: async () => {
      if (target) await (await target).drop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
