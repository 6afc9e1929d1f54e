// Child process of the multi-week scenarios, in a fresh database:
//   --mode backfill: otc.backfill_range over the source folder when registered, else the same
//     work submitted week by week (ingest, normalize, aggregate, compute_rolling, snapshot).
//   --mode rolling: loads the weeks untimed, then times compute_rolling + research_snapshot_week
//     of the last week so their cost can be compared across symbol counts.
// Usage: node series-child.mjs --mode M --source-dir D --weeks w1,w2,.. --backend sqlite|postgres --directory D --name N
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { childArguments, openBenchSpine, report, runChild, timedSubmit } from "./child-support.mjs";

const { finraFileName, publicationDate } = await import("../fixtures/finra-week-generator.mjs");

const TIER = "OTC";
const WINDOW_WEEKS = 6;

async function loadWeek(spine, sourceDir, weekEnding, timings) {
  const file = join(sourceDir, finraFileName(TIER, publicationDate(TIER, weekEnding)));
  const partition = { tier: TIER, week_ending: weekEnding };
  await timedSubmit(spine, "otc.ingest_week", { file_path: file, ...partition }, timings);
  await timedSubmit(spine, "otc.normalize_week", partition, timings);
  return timedSubmit(spine, "otc.aggregate_week", partition, timings);
}

async function derive(spine, weekEnding, timings) {
  const params = { tier: TIER, week_ending: weekEnding, window_weeks: WINDOW_WEEKS };
  const rolling = await timedSubmit(spine, "otc.compute_rolling", params, timings);
  const snapshot = await timedSubmit(spine, "otc.research_snapshot_week", params, timings);
  return { rolling, snapshot };
}

// Every execution under `parentId` (depth first), so a backfill's stages can be timed one by one.
async function descendants(platform, db, parentId) {
  const found = [];
  for (const child of await platform.listChildExecutions(db, parentId)) {
    found.push(child, ...(await descendants(platform, db, child.id)));
  }
  return found;
}

function stageTimingsOf(executions) {
  return executions
    .filter((execution) => execution.startedAt && execution.finishedAt)
    .map((execution) => ({
      pipeline: execution.pipeline,
      ms: Date.parse(execution.finishedAt) - Date.parse(execution.startedAt),
      status: execution.status,
      rowCount: execution.metrics?.rowCount,
    }));
}

async function backfill(spine, platform, pipelines, args, weeks) {
  const timings = [];
  const started = performance.now();
  let mode;
  let stageTimings = [];
  if (pipelines.has("otc.backfill_range")) {
    mode = "otc.backfill_range";
    const params = {
      tier: TIER,
      start_week: weeks[0],
      end_week: weeks[weeks.length - 1],
      source_dir: args["source-dir"],
      window_weeks: WINDOW_WEEKS,
    };
    const execution = await timedSubmit(spine, "otc.backfill_range", params, timings);
    stageTimings = stageTimingsOf(await descendants(platform, spine.database.db, execution.id));
  } else {
    mode = "week-by-week submits (otc.backfill_range not registered yet)";
    for (const weekEnding of weeks) {
      await loadWeek(spine, args["source-dir"], weekEnding, timings);
      if (pipelines.has("otc.compute_rolling")) await derive(spine, weekEnding, timings);
    }
    stageTimings = timings;
  }
  return { mode, totalMs: performance.now() - started, timings, stageTimings };
}

async function rolling(spine, args, weeks) {
  const loadTimings = [];
  for (const weekEnding of weeks) await loadWeek(spine, args["source-dir"], weekEnding, loadTimings);
  const last = weeks[weeks.length - 1];
  const windowRows = await spine.database.db
    .selectFrom("otc_symbol_summary")
    .select((expression) => expression.fn.countAll().as("n"))
    .executeTakeFirst();
  const venueRows = await spine.database.db
    .selectFrom("otc_venue_volume")
    .select((expression) => expression.fn.countAll().as("n"))
    .executeTakeFirst();
  const timings = [];
  const started = performance.now();
  const { rolling: rollingExecution, snapshot } = await derive(spine, last, timings);
  return {
    mode: "rolling",
    totalMs: performance.now() - started,
    timings,
    loadMs: loadTimings.reduce((sum, timing) => sum + timing.ms, 0),
    summaryRowsInWindow: Number(windowRows?.n ?? 0),
    venueRowsInWindow: Number(venueRows?.n ?? 0),
    rollingRows: rollingExecution.metrics.rowCount ?? null,
    snapshotRows: snapshot.metrics.rowCount ?? null,
  };
}

runChild(async () => {
  const args = childArguments();
  const weeks = args.weeks.split(",");
  const { spine, platform, pipelines, loadMs, migrateMs } = await openBenchSpine(args);
  const result =
    args.mode === "backfill"
      ? await backfill(spine, platform, pipelines, args, weeks)
      : await rolling(spine, args, weeks);
  await spine.close();
  report({ loadMsModules: loadMs, migrateMs, pipelines: [...pipelines], ...result });
});
