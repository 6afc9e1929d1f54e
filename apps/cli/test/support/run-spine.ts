import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DomainDefinition } from "@spine/platform";
import { runCli } from "../../src/index.js";
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
  remove(): void;
}

/** Creates a workspace whose database is `spine.db` in a new temporary directory. */
export function createWorkspace(domains: readonly DomainDefinition[] = [testDomain]): Workspace {
  const directory = mkdtempSync(join(tmpdir(), "spine-cli-"));
  const databasePath = join(directory, "spine.db");
  return {
    directory,
    databasePath,
    async spine(...argv) {
      const stdout: string[] = [];
      const stderr: string[] = [];
      const logs: string[] = [];
      const code = await runCli(argv, {
        domains,
        stdout: (text) => stdout.push(text),
        stderr: (text) => stderr.push(text),
        logSink: (line) => logs.push(line),
        env: { SPINE_DATABASE_PATH: databasePath, SPINE_LOG_LEVEL: "info" },
      });
      return { code, stdout: stdout.join(""), stderr: stderr.join(""), logs: logs.join("") };
    },
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
