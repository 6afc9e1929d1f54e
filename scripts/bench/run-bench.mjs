#!/usr/bin/env node
// `pnpm bench`: the week pipeline (ingest -> normalize -> aggregate) per file size against the
// sqlite3-shell baseline, a 6-week backfill with rolling and snapshot, rolling/snapshot scaling,
// and `spine list` latency, on SQLite and (when a server is at hand, see postgres.mjs) PostgreSQL.
// Each scenario runs in a fresh child process on a fresh database, so its peak RSS is its own.
// Prints a results table and (for a default run) writes it into BENCHMARKS.md. See --help.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { backendOf } from "./backends.mjs";
import { bundleChildren, childrenDirectory } from "./bundle-children.mjs";
import { addWeeks, ensureWeekFile, ensureWeekSeries, WEEK_ENDING } from "./datasets.mjs";
import { describeMachine, loadAverage } from "./machine.mjs";
import { childResult, hasGnuTime, median, runMeasured } from "./measure.mjs";
import { parseOptions, USAGE } from "./options.mjs";
import { benchDirectory, cliBin, dataDirectory, repoRoot, runsDirectory } from "./paths.mjs";
import { planBackends, relaunchWithThrowawayCluster } from "./postgres.mjs";
import { formatProfile, summarizeProfile } from "./profile-summary.mjs";
import { psqlVersion, runPsqlBaseline } from "./psql-baseline.mjs";
import { evaluateTargets, renderReport, writeBenchmarksFile } from "./report.mjs";
import { runSqliteBaseline, sqliteShellVersion } from "./sqlite-baseline.mjs";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const SERIES_WEEKS = 6;

// Bundled by main() unless --unbundled (see bundle-children.mjs).
let childScriptsBundled = false;

function childScriptPath(script) {
  return childScriptsBundled ? join(childrenDirectory, script) : here(script);
}

async function runChildScript(script, args, { profileDir, env } = {}) {
  const nodeArgs = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const run = await runMeasured(process.execPath, [...nodeArgs, childScriptPath(script), ...args], {
    cwd: repoRoot,
    env,
  });
  const result = childResult(run, script);
  // Prefer GNU time's figure (whole process as the kernel saw it); the child's own is the fallback.
  return { ...result, wallMs: run.wallMs, maxRssKb: run.maxRssKb ?? result.maxRssKb };
}

// Runs one child on a fresh database of `backend` (created untimed before, removed after).
async function onFreshDatabase(context, backend, name, script, args, { profileDir } = {}) {
  const prepared = await backendOf(backend).prepare(context.runDir, name, context);
  try {
    const childArgs = [...args, "--backend", backend, "--directory", context.runDir, "--name", name];
    return await runChildScript(script, childArgs, { profileDir, env: prepared.env });
  } finally {
    await prepared.cleanup();
  }
}

function profileOf(profileDir, label) {
  if (!profileDir) return null;
  const files = readdirSync(profileDir).filter((file) => file.endsWith(".cpuprofile"));
  if (files.length === 0) return null;
  const file = join(profileDir, files.sort().at(-1));
  const profile = summarizeProfile(file);
  log(`profile of ${label} (${file}):\n${formatProfile(profile)}`);
  return profile;
}

async function weekRun(context, size, file, backend) {
  const name = `week-${size}-${backend}`;
  const profileDir = context.options.profile ? join(benchDirectory, "profiles", name) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  log(`week ${size}: ingest -> normalize -> aggregate (${backend})`);
  const run = await onFreshDatabase(context, backend, name, "week-child.mjs", ["--file", file], {
    profileDir,
  });
  return { ...run, profile: profileOf(profileDir, `week ${size} ${backend}`) };
}

async function baselineRun(context, size, file) {
  log(`week ${size}: sqlite3 shell baseline`);
  const baseline = await runSqliteBaseline({ file, directory: context.runDir, name: `baseline-${size}` });
  rmSync(join(context.runDir, `baseline-${size}.db`), { force: true });
  return baseline;
}

async function psqlBaselineRun(context, size, file) {
  log(`week ${size}: psql baseline`);
  const name = `psql-baseline-${size}`;
  return runPsqlBaseline({ file, directory: context.runDir, name, adminUrl: context.postgresAdminUrl });
}

// The run with the median wall time (the lower middle one for an even count), with every wall time.
function medianRun(runs) {
  if (runs.length === 0) return null;
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], wallMsRuns: runs.map((run) => run.wallMs) };
}

/**
 * The week on every backend and the sqlite3 baseline. The SQLite run and the baseline are repeated
 * `--repeat` times, interleaved so that a change in machine load hits both alike, and the median
 * of each is reported: the ratio is the target, and one run of either is noisy on a shared machine.
 */
async function weekScenario(context, size) {
  const { options, sqliteVersion } = context;
  const data = await ensureWeekFile({ rows: size, seed: options.seed, weekEnding: WEEK_ENDING });
  if (data.generatedSeconds > 0)
    log(`generated ${size} rows in ${data.generatedSeconds.toFixed(1)} s -> ${data.path}`);
  const withBaseline = !options.skip.has("baseline") && Boolean(sqliteVersion);
  const withPsql = !options.skip.has("baseline") && Boolean(context.psqlVersion);
  const repeated = { sqlite: [], postgres: [], baseline: [], psql: [] };
  for (const backend of context.backends) {
    for (let attempt = 0; attempt < options.repeat; attempt += 1) {
      const run = await context.attempt(`week ${size} ${backend}`, () =>
        weekRun(context, size, data.path, backend),
      );
      if (run) repeated[backend].push(run);
      if (backend === "sqlite" && withBaseline)
        repeated.baseline.push(await baselineRun(context, size, data.path));
      if (backend === "postgres" && withPsql)
        repeated.psql.push(await psqlBaselineRun(context, size, data.path));
    }
  }
  const runs = {};
  for (const backend of context.backends)
    if (repeated[backend].length > 0) runs[backend] = medianRun(repeated[backend]);
  if (withBaseline && repeated.baseline.length === 0)
    repeated.baseline.push(await baselineRun(context, size, data.path));
  const baseline = medianRun(repeated.baseline);
  const psqlBaseline = medianRun(repeated.psql);
  const accepted = (runs.sqlite ?? runs.postgres)?.rowsAccepted;
  if (baseline && accepted !== undefined && baseline.venueRows !== accepted)
    log(`warning: baseline kept ${baseline.venueRows} venue rows, the pipeline accepted ${accepted}`);
  return { size, fileBytes: data.bytes, runs, baseline, psqlBaseline };
}

async function seriesRun(context, mode, series, backend) {
  log(`${mode}: ${SERIES_WEEKS} weeks x ${series.rows} rows from ${series.folder} (${backend})`);
  const args = ["--mode", mode, "--source-dir", series.folder, "--weeks", series.weeks.join(",")];
  const name = `${mode}-${series.rows}-${backend}`;
  const profileDir = context.options.profile ? join(benchDirectory, "profiles", name) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const run = await onFreshDatabase(context, backend, name, "series-child.mjs", args, { profileDir });
  const result = { ...run, profile: profileOf(profileDir, `${mode} ${series.rows} ${backend}`) };
  const lastWeek = addWeeks(series.weeks[0], SERIES_WEEKS - 1);
  return { rows: series.rows, weeks: SERIES_WEEKS, firstWeek: series.weeks[0], lastWeek, ...result };
}

// One multi-week scenario on every backend: { sqlite: run, postgres: run } (failed ones left out).
// The SQLite backfill, a target, runs `--repeat` times and reports its median (one run of a
// 6-second process varies by a second on a shared machine); the others run once.
async function seriesScenario(context, mode, rows) {
  const series = await ensureWeekSeries({ rows, seed: context.options.seed, count: SERIES_WEEKS });
  const runs = {};
  for (const backend of context.backends) {
    const times = mode === "backfill" && backend === "sqlite" ? context.options.repeat : 1;
    const repeated = [];
    for (let attempt = 0; attempt < times; attempt += 1) {
      const run = await context.attempt(`${mode} ${rows} ${backend}`, () =>
        seriesRun(context, mode, { ...series, rows }, backend),
      );
      if (run) repeated.push(run);
    }
    if (repeated.length > 0) runs[backend] = medianRun(repeated);
  }
  return runs;
}

// `spine list` never opens a database, so it is measured once, whatever the backends.
async function listLatency(runDir) {
  const env = { SPINE_DATABASE_PATH: join(runDir, "list.db"), SPINE_LOG_LEVEL: "silent" };
  const timeRuns = async (command, args, count, cwd = runDir) => {
    const times = [];
    for (let run = 0; run < count; run += 1) {
      const measured = await runMeasured(command, args, { cwd, env });
      if (measured.code !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${measured.stderr}`);
      times.push(measured.wallMs);
    }
    return { medianMs: median(times), runs: times };
  };
  log("spine list latency: 5 runs of node apps/cli/dist/bin.js list");
  const node = await timeRuns(process.execPath, [cliBin, "list"], 5);
  log("spine list latency: 3 runs of npx -y pnpm@10 spine list (informational)");
  let pnpm = null;
  try {
    pnpm = await timeRuns("npx", ["-y", "pnpm@10", "spine", "list"], 3, repoRoot);
  } catch (error) {
    log(`pnpm spine list not measured: ${error instanceof Error ? error.message : error}`);
  }
  return { node, pnpm };
}

async function runScenarios(context, results) {
  const { options } = context;
  if (!options.skip.has("week")) {
    for (const size of options.sizes) results.weeks.push(await weekScenario(context, size));
  }
  if (!options.skip.has("backfill"))
    results.backfill = await seriesScenario(context, "backfill", options.backfillRows);
  if (!options.skip.has("rolling")) {
    for (const rows of options.rollingSizes) {
      results.rolling.push({ rows, runs: await seriesScenario(context, "rolling", rows) });
    }
  }
  if (!options.skip.has("list"))
    results.list = await context.attempt("spine list", () => listLatency(context.runDir));
}

function newContext(options, plan) {
  const sqliteVersion = sqliteShellVersion();
  if (!sqliteVersion)
    log("sqlite3 shell not found on PATH: the baseline column will say so; our numbers still print");
  if (!hasGnuTime) log("/usr/bin/time not found: peak RSS comes from the children's process.resourceUsage()");
  if (plan.skipped) log(`PostgreSQL not measured: ${plan.skipped}`);
  if (plan.postgres) {
    const { server } = plan.postgres;
    log(`PostgreSQL: scratch databases on ${server.throwaway ? "a throwaway cluster" : server.variable}`);
  }
  const runDir = join(runsDirectory, `run-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const results = { options, machine: describeMachine(), sqliteVersion, backends: plan.backends };
  Object.assign(results, { postgres: plan.postgres?.server ?? null, postgresSkipped: plan.skipped });
  Object.assign(results, { weeks: [], backfill: null, rolling: [], list: null, failures: [] });
  // A failed run (say, a concurrent rebuild emptied dist/) is reported and the others still run.
  const attempt = async (label, work) => {
    try {
      return await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${label} failed: ${message}`);
      results.failures.push({ scenario: label, message: message.split("\n").slice(0, 3).join(" ") });
      return null;
    }
  };
  const psql = plan.postgres ? psqlVersion() : null;
  if (plan.postgres && !psql) log("psql not found on PATH: the PostgreSQL baseline column will say so");
  results.psqlVersion = psql;
  const context = { options, runDir, sqliteVersion, psqlVersion: psql, backends: plan.backends, attempt };
  return { context: { ...context, postgresAdminUrl: plan.postgres?.adminUrl }, results };
}

const replacer = (_key, value) => (value instanceof Set ? [...value] : value);

function finish(options, results) {
  results.loadAverageAtEnd = loadAverage();
  results.targets = evaluateTargets(results);
  // Raw numbers of the last run (stage timings, memory after each stage) for a closer look.
  writeFileSync(join(benchDirectory, "last-results.json"), `${JSON.stringify(results, replacer, 2)}\n`);
  const report = renderReport(results);
  console.log(report);
  if (options.write && results.failures.length === 0) {
    writeBenchmarksFile(report);
    log("BENCHMARKS.md updated");
  } else if (options.write) log("BENCHMARKS.md left as it was: a run failed");
  if (results.failures.length > 0) process.exitCode = 1;
}

async function main() {
  const argv = process.argv.slice(2);
  // The real-scale scenario has its own options, generator and report (see real-scale.mjs).
  if (argv[argv.indexOf("--scenario") + 1] === "real-scale" && argv.includes("--scenario")) {
    const { runRealScale } = await import("./real-scale.mjs");
    process.exitCode = await runRealScale(argv);
    return;
  }
  const options = parseOptions(argv);
  if (options.help) return console.log(USAGE);
  const plan = planBackends(options.backend);
  if (plan.relaunch) {
    log("PostgreSQL binaries found and no database URL given: re-running under scripts/with-postgres.sh");
    process.exitCode = await relaunchWithThrowawayCluster(argv);
    return;
  }
  const { context, results } = newContext(options, plan);
  if (!options.unbundled) {
    await bundleChildren(["week-child.mjs", "series-child.mjs"]);
    childScriptsBundled = true;
  }
  try {
    await runScenarios(context, results);
  } finally {
    rmSync(context.runDir, { recursive: true, force: true });
    if (options.clean && existsSync(dataDirectory)) rmSync(dataDirectory, { recursive: true, force: true });
  }
  finish(options, results);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
