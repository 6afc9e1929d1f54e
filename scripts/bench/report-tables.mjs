// The Markdown tables of the bench report, one per scenario. A scenario's runs are keyed by backend
// ({ sqlite, postgres }); each measured backend gets its own wall / rows/s / peak RSS columns.
import { backendOf } from "./backends.mjs";

export const seconds = (ms) => (ms === null || ms === undefined ? "n/a" : (ms / 1000).toFixed(2));
export const megabytes = (kb) => (kb === null || kb === undefined ? "n/a" : (kb / 1024).toFixed(0));
export const thousands = (value) => Math.round(value).toLocaleString("en-US");
const label = (backend) => backendOf(backend).label;

export function table(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}

export function stageTotals(timings) {
  const totals = new Map();
  for (const timing of timings) totals.set(timing.pipeline, (totals.get(timing.pipeline) ?? 0) + timing.ms);
  return totals;
}

const backendHeader = (backends) =>
  backends.flatMap((backend) => [
    `${label(backend)} wall s`,
    `${label(backend)} rows/s`,
    `${label(backend)} peak RSS MB`,
  ]);

// Wall, throughput and peak RSS of each backend's run of `rows` rows ("failed" when it did not finish).
const backendCells = (backends, runs, rows) =>
  backends.flatMap((backend) => {
    const run = runs[backend];
    if (!run) return ["failed", "n/a", "n/a"];
    return [seconds(run.wallMs), thousands(rows / (run.wallMs / 1000)), megabytes(run.maxRssKb)];
  });

export function weekTable(results) {
  const { backends } = results;
  const missing = results.sqliteVersion ? "skipped" : "sqlite3 not on PATH";
  const header = ["Rows", ...backendHeader(backends), "sqlite3 shell s", "sqlite3 RSS MB"];
  if (backends.includes("sqlite")) header.push("SQLite / sqlite3");
  const rows = results.weeks.map((week) => {
    const { baseline } = week;
    const row = [thousands(week.size), ...backendCells(backends, week.runs, week.size)];
    row.push(baseline ? seconds(baseline.wallMs) : missing, baseline ? megabytes(baseline.maxRssKb) : "n/a");
    if (backends.includes("sqlite")) {
      const sqlite = week.runs.sqlite;
      row.push(baseline && sqlite ? `${(sqlite.wallMs / baseline.wallMs).toFixed(2)}x` : "n/a");
    }
    if (backends.includes("postgres")) row.push(...psqlCells(results, week));
    return row;
  });
  if (backends.includes("postgres")) header.push("psql s", "PostgreSQL / psql");
  return table(header, rows);
}

// The psql baseline beside the PostgreSQL column: its wall time and the pipeline's ratio to it.
function psqlCells(results, week) {
  const { psqlBaseline } = week;
  const postgres = week.runs.postgres;
  if (!psqlBaseline) return [results.psqlVersion ? "skipped" : "psql not on PATH", "n/a"];
  const ratio = postgres ? `${(postgres.wallMs / psqlBaseline.wallMs).toFixed(2)}x` : "n/a";
  return [seconds(psqlBaseline.wallMs), ratio];
}

/** Every wall time behind the medians of the week table (SQLite runs and sqlite3 baseline runs). */
export function weekRunsTable(results) {
  const list = (run) => (run?.wallMsRuns ? run.wallMsRuns.map((ms) => seconds(ms)).join(", ") : "n/a");
  const withPostgres = results.backends.includes("postgres");
  const rows = results.weeks.map((week) => [
    thousands(week.size),
    list(week.runs.sqlite),
    list(week.baseline),
    ...(withPostgres ? [list(week.runs.postgres), list(week.psqlBaseline)] : []),
  ]);
  const header = ["Rows", "SQLite runs s (interleaved)", "sqlite3 shell runs s"];
  if (withPostgres) header.push("PostgreSQL runs s (interleaved)", "psql runs s");
  return table(header, rows);
}

export function weekStageTable(results) {
  const stage = (run, pipeline) => run.timings.find((timing) => timing.pipeline === pipeline)?.ms ?? null;
  const rows = results.weeks.flatMap((week) =>
    results.backends
      .filter((backend) => week.runs[backend])
      .map((backend) => {
        const run = week.runs[backend];
        return [
          thousands(week.size),
          label(backend),
          seconds(run.migrateMs),
          seconds(stage(run, "otc.ingest_week")),
          seconds(stage(run, "otc.normalize_week")),
          seconds(stage(run, "otc.aggregate_week")),
          seconds(run.pipelineMs),
        ];
      }),
  );
  return table(
    ["Rows", "Backend", "Migrate s", "Ingest s", "Normalize s", "Aggregate s", "Pipeline s"],
    rows,
  );
}

export function backfillTable(results) {
  const { backends, backfill } = results;
  const first = Object.values(backfill)[0];
  const derived = (run) => {
    const totals = stageTotals(run.stageTimings);
    if (!totals.has("otc.compute_rolling")) return "n/a (no rolling stage ran)";
    return seconds(totals.get("otc.compute_rolling") + (totals.get("otc.research_snapshot_week") ?? 0));
  };
  const header = ["Weeks x rows", "Mode", ...backendHeader(backends)];
  header.push(...backends.map((backend) => `${label(backend)} rolling+snapshot s`));
  const row = [`${first.weeks} x ${thousands(first.rows)}`, first.mode];
  row.push(...backendCells(backends, backfill, first.rows * first.weeks));
  row.push(...backends.map((backend) => (backfill[backend] ? derived(backfill[backend]) : "n/a")));
  return table(header, [row]);
}

export function backfillStages(results) {
  const measured = results.backends.filter((backend) => results.backfill[backend]);
  const totals = measured.map((backend) => stageTotals(results.backfill[backend].stageTimings));
  const counts = new Map();
  for (const timing of results.backfill[measured[0]].stageTimings)
    counts.set(timing.pipeline, (counts.get(timing.pipeline) ?? 0) + 1);
  return table(
    ["Stage (from child executions)", "Runs", ...measured.map((backend) => `${label(backend)} total s`)],
    [...counts].map(([pipeline, count]) => [
      pipeline,
      String(count),
      ...totals.map((total) => seconds(total.get(pipeline))),
    ]),
  );
}

export function rollingTable(results) {
  const header = ["Rows/week", "Backend", "Symbol-week rows in window", "compute_rolling ms"];
  header.push("research_snapshot_week ms", "Total ms", "us per symbol-week row", "Peak RSS MB");
  const rows = results.rolling.flatMap(({ rows: weekRows, runs }) =>
    results.backends
      .filter((backend) => runs[backend])
      .map((backend) => {
        const run = runs[backend];
        const totals = stageTotals(run.timings);
        return [
          thousands(weekRows),
          label(backend),
          thousands(run.summaryRowsInWindow),
          (totals.get("otc.compute_rolling") ?? 0).toFixed(0),
          (totals.get("otc.research_snapshot_week") ?? 0).toFixed(0),
          run.totalMs.toFixed(0),
          ((run.totalMs / run.summaryRowsInWindow) * 1000).toFixed(1),
          megabytes(run.maxRssKb),
        ];
      }),
  );
  return table(header, rows);
}

export function listTable(list) {
  const line = (command, measured) => [
    command,
    measured.medianMs.toFixed(0),
    measured.runs.map((ms) => ms.toFixed(0)).join(", "),
  ];
  const rows = [line("node apps/cli/dist/bin.js list", list.node)];
  if (list.pnpm) rows.push(line("npx -y pnpm@10 spine list (npx + pnpm start-up included)", list.pnpm));
  return table(["Command", "Median ms", "Runs ms"], rows);
}
