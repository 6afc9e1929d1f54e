// Child process of the real-scale scenario, on a fresh database: backfills the generated weeks
// through otc.backfill_range (every tier, rolling and snapshot), one call per week so peak RSS can
// be sampled week by week, then measures bytes by table and index, and query latencies in the
// process and through the CLI. Prints one JSON line.
// Usage: node real-scale-child.mjs --source-dir D --weeks w1,w2,.. --symbol S --mpid M
//        --backend sqlite|postgres --directory D --name N
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { otcDomain } from "../../packages/domain-otc/dist/index.js";
import { childArguments, openBenchSpine, report, runChild, timedSubmit } from "./child-support.mjs";
import { median } from "./measure.mjs";
import { cliBin } from "./paths.mjs";
import { measureStorage } from "./real-scale-storage.mjs";

const WINDOW_WEEKS = 6;
const megabytes = (bytes) => Math.round(bytes / 2 ** 20);

// Peak RSS between two samples, polled so a short spike inside a stage is seen too.
function startRssSampler() {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    takePeak: () => {
      const value = Math.max(peak, process.memoryUsage().rss);
      peak = 0;
      return value;
    },
    stop: () => clearInterval(timer),
  };
}

async function backfillWeeks(spine, args, weeks) {
  const sampler = startRssSampler();
  const perWeek = [];
  const started = performance.now();
  try {
    for (const weekEnding of weeks) {
      const weekStarted = performance.now();
      const params = {
        start_week: weekEnding,
        end_week: weekEnding,
        source_dir: args["source-dir"],
        window_weeks: WINDOW_WEEKS,
      };
      const execution = await timedSubmit(spine, "otc.backfill_range", params, []);
      if ((execution.metrics.weeks_failed ?? 0) > 0)
        throw new Error(`${weekEnding}: ${execution.error ?? "a week failed"}`);
      perWeek.push({
        weekEnding,
        ms: performance.now() - weekStarted,
        peakRssMb: megabytes(sampler.takePeak()),
        rows: execution.metrics.rows,
      });
    }
  } finally {
    sampler.stop();
  }
  return { totalMs: performance.now() - started, perWeek };
}

async function timed(work, runs = 5) {
  await work();
  const times = [];
  let rows = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    rows = (await work()).length;
    times.push(performance.now() - started);
  }
  return { medianMs: median(times), rows };
}

async function inProcessLatencies(spine, platform, { symbol, mpid, weeks }) {
  const run = (name, params) => {
    const query = spine.registry.getQuery(name);
    return query.run({ scope: spine.database, logger: spine.logger }, query.params.parse(params));
  };
  return {
    symbolHistory: await timed(() => run("otc.symbol_history", { symbol, weeks: weeks * 3 })),
    venueHistory: await timed(() => run("otc.venue_history", { mpid, limit: weeks * 3 })),
    coverage: await timed(async () => (await platform.readCoverageGrid(spine.database.db, otcDomain)).rows),
  };
}

function cliMedian(argv, runs = 3) {
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [cliBin, ...argv], {
      env: { ...process.env, SPINE_LOG_LEVEL: "error" },
      encoding: "utf8",
    });
    if (result.status !== 0)
      throw new Error(`spine ${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

// The CLI reads the same database: SQLite through SPINE_DATABASE_PATH, PostgreSQL through the scratch URL.
function cliLatencies(args, { symbol, mpid, weeks }) {
  const database =
    args.backend === "sqlite"
      ? ["--db", `${args.directory}/${args.name}.db`]
      : ["--db", process.env.SPINE_BENCH_SCRATCH_URL];
  // The CLI registers every domain: their migrations are applied first, untimed.
  cliMedian([...database, "db", "init"], 1);
  const startupMs = cliMedian([...database, "list", "--json"]);
  const query = (name, ...params) =>
    cliMedian([...database, "query", name, ...params.flatMap((param) => ["-p", param]), "--json"]);
  return {
    startupMs,
    symbolHistoryMs: query("otc.symbol_history", `symbol=${symbol}`, `weeks=${weeks * 3}`),
    venueHistoryMs: query("otc.venue_history", `mpid=${mpid}`, `limit=${weeks * 3}`),
  };
}

runChild(async () => {
  const args = childArguments();
  const weeks = args.weeks.split(",");
  const { spine, platform, loadMs, migrateMs } = await openBenchSpine(args);
  const backfill = await backfillWeeks(spine, args, weeks);
  const storage = await measureStorage(spine, platform, args.backend);
  const target = { symbol: args.symbol, mpid: args.mpid, weeks: weeks.length };
  const latencies = await inProcessLatencies(spine, platform, target);
  const serverVersion = (await spine.database.describe()).serverVersion;
  await spine.close();
  report({ loadMs, migrateMs, serverVersion, backfill, storage, latencies, cli: cliLatencies(args, target) });
});
