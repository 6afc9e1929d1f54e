#!/usr/bin/env node
// `pnpm bench`: the week pipeline (ingest -> normalize -> aggregate) per file size against the
// sqlite3-shell baseline, a 6-week backfill with rolling and snapshot, rolling/snapshot scaling,
// and `spine list` latency. Each scenario runs in a fresh child process so its peak RSS is its own.
// Prints a results table and (for a default run) writes it into BENCHMARKS.md. See --help.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { backendOf } from "./backends.mjs";
import { addWeeks, ensureWeekFile, ensureWeekSeries, WEEK_ENDING } from "./datasets.mjs";
import { describeMachine, loadAverage } from "./machine.mjs";
import { childResult, hasGnuTime, median, runMeasured } from "./measure.mjs";
import { parseOptions, USAGE } from "./options.mjs";
import { benchDirectory, cliBin, dataDirectory, repoRoot, runsDirectory } from "./paths.mjs";
import { formatProfile, summarizeProfile } from "./profile-summary.mjs";
import { evaluateTargets, renderReport, writeBenchmarksFile } from "./report.mjs";
import { runSqliteBaseline, sqliteShellVersion } from "./sqlite-baseline.mjs";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const SERIES_WEEKS = 6;

async function runChildScript(script, args, { profileDir } = {}) {
  const nodeArgs = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const run = await runMeasured(process.execPath, [...nodeArgs, here(script), ...args], { cwd: repoRoot });
  const result = childResult(run, script);
  // Prefer GNU time's figure (whole process as the kernel saw it); the child's own is the fallback.
  return { ...result, wallMs: run.wallMs, maxRssKb: run.maxRssKb ?? result.maxRssKb };
}

function newestProfile(directory) {
  const files = readdirSync(directory).filter((file) => file.endsWith(".cpuprofile"));
  return files.length > 0 ? join(directory, files.sort().at(-1)) : null;
}

async function weekScenario(options, runDir, size, sqliteVersion) {
  const data = await ensureWeekFile({ rows: size, seed: options.seed, weekEnding: WEEK_ENDING });
  if (data.generatedSeconds > 0)
    log(`generated ${size} rows in ${data.generatedSeconds.toFixed(1)} s -> ${data.path}`);
  const name = `week-${size}`;
  const profileDir = options.profile ? join(benchDirectory, "profiles", name) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  log(`week ${size}: ingest -> normalize -> aggregate (${options.backend})`);
  const ours = await runChildScript(
    "week-child.mjs",
    ["--file", data.path, "--backend", options.backend, "--directory", runDir, "--name", name],
    { profileDir },
  );
  rmSync(join(runDir, `${name}.db`), { force: true });
  let profile = null;
  if (profileDir) {
    const file = newestProfile(profileDir);
    if (file) {
      profile = summarizeProfile(file);
      log(`profile of week ${size} (${file}):\n${formatProfile(profile)}`);
    }
  }
  let baseline = null;
  if (!options.skip.has("baseline") && sqliteVersion) {
    log(`week ${size}: sqlite3 shell baseline`);
    baseline = await runSqliteBaseline({ file: data.path, directory: runDir, name: `baseline-${size}` });
    rmSync(join(runDir, `baseline-${size}.db`), { force: true });
    if (baseline.venueRows !== ours.rowsAccepted) {
      log(
        `warning: baseline kept ${baseline.venueRows} venue rows, the pipeline accepted ${ours.rowsAccepted}`,
      );
    }
  }
  return { size, fileBytes: data.bytes, ours, baseline, profile };
}

async function seriesScenario(options, runDir, mode, rows) {
  const series = await ensureWeekSeries({ rows, seed: options.seed, count: SERIES_WEEKS });
  const name = `${mode}-${rows}`;
  log(`${mode}: ${SERIES_WEEKS} weeks x ${rows} rows from ${series.folder}`);
  const result = await runChildScript("series-child.mjs", [
    "--mode",
    mode,
    "--source-dir",
    series.folder,
    "--weeks",
    series.weeks.join(","),
    "--backend",
    options.backend,
    "--directory",
    runDir,
    "--name",
    name,
  ]);
  rmSync(join(runDir, `${name}.db`), { force: true });
  return {
    rows,
    weeks: SERIES_WEEKS,
    firstWeek: series.weeks[0],
    lastWeek: addWeeks(series.weeks[0], SERIES_WEEKS - 1),
    ...result,
  };
}

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

const replacer = (_key, value) => (value instanceof Set ? [...value] : value);

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return;
  }
  backendOf(options.backend);
  const machine = describeMachine();
  const sqliteVersion = sqliteShellVersion();
  if (!sqliteVersion)
    log("sqlite3 shell not found on PATH: the baseline column will say so; our numbers still print");
  if (!hasGnuTime) log("/usr/bin/time not found: peak RSS comes from the children's process.resourceUsage()");
  const runDir = join(runsDirectory, `run-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const results = {
    options,
    machine,
    sqliteVersion,
    weeks: [],
    backfill: null,
    rolling: [],
    list: null,
    failures: [],
  };
  // A failed scenario (say, a concurrent rebuild emptied dist/) is reported and the others still run.
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
  try {
    if (!options.skip.has("week")) {
      for (const size of options.sizes) {
        const week = await attempt(`week ${size}`, () => weekScenario(options, runDir, size, sqliteVersion));
        if (week) results.weeks.push(week);
      }
    }
    if (!options.skip.has("backfill")) {
      results.backfill = await attempt("backfill", () =>
        seriesScenario(options, runDir, "backfill", options.backfillRows),
      );
    }
    if (!options.skip.has("rolling")) {
      for (const rows of options.rollingSizes) {
        const run = await attempt(`rolling ${rows}`, () => seriesScenario(options, runDir, "rolling", rows));
        if (run) results.rolling.push(run);
      }
    }
    if (!options.skip.has("list")) results.list = await attempt("spine list", () => listLatency(runDir));
  } finally {
    rmSync(runDir, { recursive: true, force: true });
    if (options.clean && existsSync(dataDirectory)) rmSync(dataDirectory, { recursive: true, force: true });
  }
  results.loadAverageAtEnd = loadAverage();
  results.targets = evaluateTargets(results);
  // Raw numbers of the last run (stage timings, memory after each stage) for a closer look.
  writeFileSync(join(benchDirectory, "last-results.json"), `${JSON.stringify(results, replacer, 2)}\n`);
  const report = renderReport(results);
  console.log(report);
  if (options.write && results.failures.length === 0) {
    writeBenchmarksFile(report);
    log("BENCHMARKS.md updated");
  } else if (options.write) log("BENCHMARKS.md left as it was: a scenario failed");
  if (results.failures.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
