import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestDatabaseLocation } from "./test-backend.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The built CLI the process tests run. */
export const spineBinary = resolve(here, "../../dist/bin.js");

/** The repository's generated OTC weeks. */
export const otcFixtures = resolve(here, "../../../../fixtures/finra-otc/generated");

/** What one `spine` process printed and how it exited. */
export interface ProcessOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** True when this process runs as root, where file permissions do not stop it. */
export const runningAsRoot = process.getuid?.() === 0;

/** The unprivileged user a root test runs a `spine` process as, so permissions apply to it. */
export const unprivileged = { uid: 65534, gid: 65534 };

/** The environment variable that selects a test database. */
export function selectionOf(database: TestDatabaseLocation): Record<string, string> {
  return "databaseUrl" in database.settings
    ? { SPINE_DATABASE_URL: database.settings.databaseUrl }
    : { SPINE_DATABASE_PATH: database.settings.databasePath };
}

/** Runs the built `spine` against a test database as a separate process. */
export function spawnSpine(
  database: TestDatabaseLocation,
  argv: readonly string[],
  options: {
    environment?: Record<string, string>;
    cwd?: string;
    asUser?: { uid: number; gid: number };
    /** Kills the process (its outcome's code is then null) when it runs longer. */
    timeoutMs?: number;
  } = {},
): Promise<ProcessOutcome> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("SPINE_")),
  );
  const selection = selectionOf(database);
  const child = spawn(process.execPath, [spineBinary, ...argv], {
    cwd: options.cwd ?? here,
    env: { ...inherited, ...selection, SPINE_LOG_LEVEL: "warn", ...options.environment },
    ...(options.asUser ?? {}),
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const timer =
    options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  return new Promise((done) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout: stdout.join(""), stderr: stderr.join("") });
    }),
  );
}
