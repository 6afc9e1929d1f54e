#!/usr/bin/env node
// `pnpm bench -- --scenario real-scale` (or `pnpm bench:scale`): weeks at FINRA's real sizes, all
// three tiers, backfilled through otc.backfill_range with rolling and snapshot in a child process on
// a fresh database per backend. Reports backfill time, rows/s, peak RSS per week (flat or not), bytes
// per source row by table and index, and query latencies in the process and through the CLI.
// BENCHMARKS.md changes only with --write. See --help.
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { finraFileName, publicationDate } from "../fixtures/finra-week-generator.mjs";
import { backendOf } from "./backends.mjs";
import { bundleChildren, childrenDirectory } from "./bundle-children.mjs";
import { addWeeks } from "./datasets.mjs";
import { describeMachine } from "./machine.mjs";
import { childResult, runMeasured } from "./measure.mjs";
import { benchDirectory, dataDirectory, repoRoot, runsDirectory } from "./paths.mjs";
import { planBackends, relaunchWithThrowawayCluster } from "./postgres.mjs";
import { REAL_SCALE_TIERS, symbolOf, topVenueMpid, writeRealScaleWeek } from "./real-scale-generator.mjs";
import { renderRealScale, writeRealScaleSection } from "./real-scale-report.mjs";

export const REAL_SCALE_USAGE = `usage: pnpm bench -- --scenario real-scale [options]   (or: pnpm bench:scale [options])
  --weeks N          consecutive weeks x 3 tiers to backfill (default 52; 260 for five years)
  --last-week DATE   the newest week ending, a Friday (default 2025-11-14)
  --backend NAME     sqlite (default), postgres, or sqlite,postgres
  --seed N           generator seed (default 42)
  --write            put the results section into BENCHMARKS.md (never without it)`;

const log = (message) => process.stderr.write(`[bench:real-scale] ${message}\n`);

function parseRealScaleOptions(argv) {
  const { values } = parseArgs({
    args: argv.filter((argument) => argument !== "--"),
    options: {
      scenario: { type: "string" },
      weeks: { type: "string", default: "52" },
      "last-week": { type: "string", default: "2025-11-14" },
      backend: { type: "string", default: "sqlite" },
      seed: { type: "string", default: "42" },
      write: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const weeks = Number(values.weeks);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 1040)
    throw new Error(`--weeks expects 1..1040, got ${values.weeks}`);
  const backends = values.backend.split(",").map((name) => name.trim());
  for (const name of backends) backendOf(name);
  return {
    weeks,
    lastWeek: values["last-week"],
    backends,
    seed: Number(values.seed),
    write: values.write,
    help: values.help,
  };
}

/** Generates the missing tier-weeks into a cache folder under .bench/data, FINRA-named. */
async function ensureWeeks(options) {
  const folder = join(dataDirectory, `real-scale-s${options.seed}`);
  mkdirSync(folder, { recursive: true });
  const weeks = Array.from({ length: options.weeks }, (_, index) =>
    addWeeks(options.lastWeek, index - options.weeks + 1),
  );
  let generated = 0;
  const files = [];
  for (const weekEnding of weeks) {
    for (const tier of Object.keys(REAL_SCALE_TIERS)) {
      const path = join(folder, finraFileName(tier, publicationDate(tier, weekEnding)));
      files.push(path);
      if (existsSync(path)) continue;
      await writeRealScaleWeek(`${path}.partial`, { tier, weekEnding, seed: options.seed });
      renameSync(`${path}.partial`, path);
      generated += 1;
    }
  }
  if (generated > 0) log(`generated ${generated} tier-week file(s) in ${folder}`);
  return { folder, weeks, files };
}

// The cache holds every week any run generated; a run's source folder holds its own weeks only
// (links into the cache), as a user's folder of that many weeks would.
function linkSourceFolder(runDir, files) {
  const folder = join(runDir, "source");
  mkdirSync(folder, { recursive: true });
  for (const path of files) symlinkSync(path, join(folder, basename(path)));
  return folder;
}

async function runBackend(backend, data, context) {
  const name = `real-scale-${data.weeks.length}w-${backend}`;
  const prepared = await backendOf(backend).prepare(context.runDir, name, context);
  try {
    const args = [
      "--source-dir",
      data.folder,
      "--weeks",
      data.weeks.join(","),
      "--symbol",
      symbolOf("NMS Tier 1", 0),
    ];
    args.push("--mpid", topVenueMpid(), "--backend", backend, "--directory", context.runDir, "--name", name);
    log(
      `${backend}: backfilling ${data.weeks.length} weeks x 3 tiers (${data.weeks[0]} .. ${data.weeks.at(-1)})`,
    );
    const run = await runMeasured(
      process.execPath,
      [join(childrenDirectory, "real-scale-child.mjs"), ...args],
      {
        cwd: repoRoot,
        env: prepared.env,
      },
    );
    const result = childResult(run, `real-scale ${backend}`);
    return { ...result, processMaxRssKb: run.maxRssKb ?? result.maxRssKb, wallMs: run.wallMs };
  } finally {
    await prepared.cleanup();
  }
}

/** Runs the scenario with the bench's arguments; resolves the process exit code. */
export async function runRealScale(argv) {
  const options = parseRealScaleOptions(argv);
  if (options.help) {
    console.log(REAL_SCALE_USAGE);
    return 0;
  }
  const plan = planBackends(options.backends);
  if (plan.relaunch)
    return relaunchWithThrowawayCluster([
      "--scenario",
      "real-scale",
      ...argv.filter((a) => a !== "--scenario" && a !== "real-scale"),
    ]);
  const generated = await ensureWeeks(options);
  await bundleChildren(["real-scale-child.mjs"]);
  const runDir = join(runsDirectory, `real-scale-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const data = { ...generated, folder: linkSourceFolder(runDir, generated.files) };
  const sourceRowsPerWeek = Object.values(REAL_SCALE_TIERS).reduce((sum, tier) => sum + tier.rows, 0);
  const results = {
    options,
    machine: describeMachine(),
    sourceRows: sourceRowsPerWeek * data.weeks.length,
    runs: {},
  };
  try {
    for (const backend of plan.backends)
      results.runs[backend] = await runBackend(backend, data, {
        runDir,
        postgresAdminUrl: plan.postgres?.adminUrl,
      });
  } finally {
    // SPINE_BENCH_KEEP_RUN=1 leaves the run's folder and SQLite database for inspection (dbstat, plans).
    if (!process.env.SPINE_BENCH_KEEP_RUN) rmSync(runDir, { recursive: true, force: true });
  }
  writeFileSync(join(benchDirectory, "real-scale-results.json"), `${JSON.stringify(results, null, 2)}\n`);
  const report = renderRealScale(results);
  console.log(report);
  if (options.write) {
    writeRealScaleSection(report, options.weeks);
    log("BENCHMARKS.md updated");
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`)
  runRealScale(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
