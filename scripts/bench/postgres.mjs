// Whether the bench measures PostgreSQL as well as SQLite, and on which server. With an admin URL
// in the environment (SPINE_BENCH_DATABASE_URL, else SPINE_TEST_DATABASE_URL) every scenario also
// runs on a scratch database there. Without one but with PostgreSQL binaries installed, the bench
// re-runs itself under scripts/with-postgres.sh, which starts a throwaway cluster and exports
// SPINE_TEST_DATABASE_URL. The bench decides rather than package.json wrapping it, because the
// script runs nothing when PostgreSQL is missing and the SQLite half must still run then.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "./paths.mjs";

const WRAPPED_VARIABLE = "SPINE_BENCH_UNDER_WITH_POSTGRES";
// Not with-postgres.sh's default 55432, so a `pnpm test` running at the same time does not collide.
const DEFAULT_BENCH_PORT = "55439";
const withPostgresScript = join(repoRoot, "scripts", "with-postgres.sh");
const runBenchScript = fileURLToPath(new URL("./run-bench.mjs", import.meta.url));

function debianBinDirectories() {
  const root = "/usr/lib/postgresql";
  return existsSync(root) ? readdirSync(root).map((version) => join(root, version, "bin")) : [];
}

// Mirrors find_bindir in with-postgres.sh: hand over to it only when it will start a server.
function hasPostgresBinaries(env) {
  const candidates = [
    env.SPINE_PG_BINDIR,
    "/usr/local/bin",
    ...debianBinDirectories(),
    ...(env.PATH ?? "").split(delimiter),
  ];
  return candidates.some(
    (directory) =>
      directory && existsSync(join(directory, "initdb")) && existsSync(join(directory, "pg_ctl")),
  );
}

/**
 * What to run for `--backend` (`auto` or a list): { backends, postgres: { adminUrl, server } | null,
 * skipped } or { relaunch: true } when the bench should re-run itself under with-postgres.sh.
 * `server` says where the databases live: { throwaway: true } or the variable that named it.
 */
export function planBackends(requested, env = process.env) {
  const auto = requested === "auto";
  const wanted = auto ? ["sqlite", "postgres"] : requested;
  if (!wanted.includes("postgres")) return { backends: wanted, postgres: null, skipped: null };
  const variable = ["SPINE_BENCH_DATABASE_URL", "SPINE_TEST_DATABASE_URL"].find((name) => env[name]);
  if (variable) {
    const server = env[WRAPPED_VARIABLE] ? { throwaway: true } : { throwaway: false, variable };
    return { backends: wanted, postgres: { adminUrl: env[variable], server }, skipped: null };
  }
  if (!env[WRAPPED_VARIABLE] && hasPostgresBinaries(env)) return { relaunch: true };
  const reason = "no SPINE_BENCH_DATABASE_URL or SPINE_TEST_DATABASE_URL, and no PostgreSQL binaries";
  if (!auto) throw new Error(`--backend postgres: ${reason}`);
  return { backends: ["sqlite"], postgres: null, skipped: reason };
}

/** Runs this bench again, with the same arguments, under with-postgres.sh; resolves its exit code. */
export function relaunchWithThrowawayCluster(argv) {
  const env = {
    ...process.env,
    [WRAPPED_VARIABLE]: "1",
    SPINE_TEST_PG_PORT: process.env.SPINE_BENCH_PG_PORT ?? DEFAULT_BENCH_PORT,
    // Measured as a team's server runs: fsync and synchronous_commit on (issue #17).
    SPINE_TEST_PG_STOCK: "1",
  };
  return new Promise((resolvePromise, reject) => {
    const child = spawn("bash", [withPostgresScript, process.execPath, runBenchScript, ...argv], {
      cwd: repoRoot,
      env,
      stdio: "inherit",
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise(code ?? 1));
  });
}
