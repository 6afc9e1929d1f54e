// Queue throughput: a generated backfill (weeks x 3 tiers of OTC) run by 1, 2 and 4 `spine worker`
// processes on one PostgreSQL server; prints jobs/s and rows/s per worker count.
// Usage: SPINE_TEST_DATABASE_URL=postgres://... node scripts/bench/worker-bench.mjs [--weeks 6] [--rows 2000] [--workers 1,2,4]
// (`scripts/with-postgres.sh npx -y pnpm@10 bench:workers` gives it a throwaway server.)
// Each worker count gets its own scratch database and the same files; the time is from enqueue
// to the backfill's end (`spine run --queue --wait`), so worker start-up is not counted.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { benchDirectory, cliBin, generatorEntry, platformEntry } from "./paths.mjs";

const tiers = ["NMS Tier 1", "NMS Tier 2", "OTC"];
const firstWeek = "2025-01-03";
const queueSettings = {
  SPINE_QUEUE_POLLING_SECONDS: "0.5",
  SPINE_QUEUE_MAINTENANCE_SECONDS: "5",
  SPINE_LOG_LEVEL: "warn",
};

function weekAfter(week, weeks) {
  return new Date(Date.parse(`${week}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

function spine(databaseUrl, argv, { wait = true } = {}) {
  const child = spawn(process.execPath, [cliBin, ...argv], {
    env: { ...process.env, ...queueSettings, SPINE_DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (!wait) return { child };
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output.stderr += chunk;
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, ...output })));
}

function startWorker(databaseUrl, name) {
  const { child } = spine(databaseUrl, ["worker", "--name", name], { wait: false });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stderr.on("data", (chunk) => {
      text += chunk;
      if (text.includes("taking")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`worker ${name} exited ${code}: ${text}`)));
  });
}

async function generate(directory, weeks, rows) {
  const { fixtureFileName, writeFinraWeek } = await import(generatorEntry);
  mkdirSync(directory, { recursive: true });
  for (let index = 0; index < weeks; index += 1)
    for (const tier of tiers) {
      const weekEnding = weekAfter(firstWeek, index);
      await writeFinraWeek(join(directory, fixtureFileName(tier, weekEnding)), {
        tier,
        weekEnding,
        rows,
        seed: 5 + index,
      });
    }
}

async function measure(adminUrl, source, weeks, workerCount) {
  const { createScratchDatabase } = await import(platformEntry);
  const scratch = await createScratchDatabase(adminUrl, "spine_qbench");
  const workers = [];
  try {
    const init = await spine(scratch.url, ["db", "init"]);
    if (init.code !== 0) throw new Error(init.stderr);
    for (let index = 1; index <= workerCount; index += 1)
      workers.push(await startWorker(scratch.url, `bench-${index}`));
    const range = ["-p", `start_week=${firstWeek}`, "-p", `end_week=${weekAfter(firstWeek, weeks - 1)}`];
    const started = performance.now();
    const run = await spine(scratch.url, [
      "run",
      "otc.backfill_range",
      "-p",
      `source_dir=${source}`,
      ...range,
      "--queue",
      "--wait",
      "--json",
    ]);
    const seconds = (performance.now() - started) / 1000;
    if (run.code !== 0) throw new Error(`backfill failed: ${run.stderr}`);
    const { backfill } = JSON.parse(run.stdout);
    return { workers: workerCount, jobs: backfill.jobs.length, seconds };
  } finally {
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve))));
    await scratch.drop();
  }
}

const { values } = parseArgs({
  options: {
    weeks: { type: "string", default: "6" },
    rows: { type: "string", default: "2000" },
    workers: { type: "string", default: "1,2,4" },
  },
});
const adminUrl = process.env.SPINE_BENCH_DATABASE_URL ?? process.env.SPINE_TEST_DATABASE_URL;
if (!adminUrl) {
  console.error(
    "worker-bench: set SPINE_TEST_DATABASE_URL (an admin URL), e.g. via scripts/with-postgres.sh",
  );
  process.exit(2);
}
const weeks = Number(values.weeks);
const rows = Number(values.rows);
const source = join(benchDirectory, "queue-data", `${weeks}w-${rows}r`);
rmSync(source, { recursive: true, force: true });
await generate(source, weeks, rows);
const totalRows = weeks * tiers.length * rows;
console.log(
  `queue throughput: ${weeks} weeks x ${tiers.length} tiers x ${rows} rows (${totalRows} rows), OTC backfill`,
);
console.log("workers  jobs  seconds  jobs/s  rows/s");
for (const count of values.workers.split(",").map(Number)) {
  const result = await measure(adminUrl, source, weeks, count);
  const line = [
    String(result.workers).padStart(7),
    String(result.jobs).padStart(5),
    result.seconds.toFixed(1).padStart(8),
    (result.jobs / result.seconds).toFixed(2).padStart(7),
    Math.round(totalRows / result.seconds)
      .toString()
      .padStart(7),
  ];
  console.log(line.join(" "));
}
