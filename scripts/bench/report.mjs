// Renders bench results as Markdown (printed to stdout and written into BENCHMARKS.md between
// markers) and checks them against the targets of issue 4.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { backendOf } from "./backends.mjs";
import { benchmarksFile } from "./paths.mjs";

const START_MARKER = "<!-- bench:results:start -->";
const END_MARKER = "<!-- bench:results:end -->";

const seconds = (ms) => (ms === null || ms === undefined ? "n/a" : (ms / 1000).toFixed(2));
const megabytes = (kb) => (kb === null || kb === undefined ? "n/a" : (kb / 1024).toFixed(0));
const thousands = (value) => Math.round(value).toLocaleString("en-US");
const stageMs = (week, pipeline) =>
  week.ours.timings.find((timing) => timing.pipeline === pipeline)?.ms ?? null;

function table(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}

function stageTotals(timings) {
  const totals = new Map();
  for (const timing of timings) totals.set(timing.pipeline, (totals.get(timing.pipeline) ?? 0) + timing.ms);
  return totals;
}

/** The targets, each with the measured value and pass / MISS / not measured. */
export function evaluateTargets(results) {
  const targets = [];
  const add = (target, measured, pass) =>
    targets.push({ target, measured, verdict: pass === null ? "not measured" : pass ? "pass" : "MISS" });
  const week1m = results.weeks.find((week) => week.size === 1_000_000);
  const week2m = results.weeks.find((week) => week.size === 2_000_000);
  const ratio = week1m?.baseline ? week1m.ours.wallMs / week1m.baseline.wallMs : null;
  add(
    "1M-row week ingest+normalize+aggregate <= 1.5x sqlite3-shell baseline (process wall)",
    ratio === null
      ? "n/a"
      : `${ratio.toFixed(2)}x (${seconds(week1m.ours.wallMs)} s vs ${seconds(week1m.baseline.wallMs)} s)`,
    ratio === null ? null : ratio <= 1.5,
  );
  add(
    "peak RSS <= 400 MB for the 1M-row week",
    week1m ? `${megabytes(week1m.ours.maxRssKb)} MB` : "n/a",
    week1m ? week1m.ours.maxRssKb / 1024 <= 400 : null,
  );
  const growth = week1m && week2m ? week2m.ours.maxRssKb / week1m.ours.maxRssKb : null;
  add(
    "2M-row week peak RSS within 25% of the 1M figure",
    growth === null
      ? "n/a"
      : `${megabytes(week2m.ours.maxRssKb)} MB = ${((growth - 1) * 100).toFixed(0)}% over 1M`,
    growth === null ? null : growth <= 1.25,
  );
  const backfill = results.backfill;
  const fullBackfill =
    backfill && backfill.rows === 100_000 && backfill.pipelines.includes("otc.compute_rolling");
  add(
    "6 weeks x 100k rows full backfill incl. rolling and snapshot < 5 s",
    backfill
      ? `${seconds(backfill.wallMs)} s process (${seconds(backfill.totalMs)} s in pipelines; ${backfill.mode})`
      : "n/a",
    fullBackfill ? backfill.wallMs < 5000 : null,
  );
  const [small, large] = results.rolling;
  const perRow = (run) => run.totalMs / run.summaryRowsInWindow;
  const scaling = small && large ? perRow(large) / perRow(small) : null;
  add(
    "rolling + snapshot cost grows with rows, not rows x symbols (per-row cost flat, <= 1.5x)",
    scaling === null
      ? "n/a"
      : `${(perRow(small) * 1000).toFixed(1)} -> ${(perRow(large) * 1000).toFixed(1)} us/row (${scaling.toFixed(2)}x for ${(large.summaryRowsInWindow / small.summaryRowsInWindow).toFixed(1)}x rows)`,
    scaling === null ? null : scaling <= 1.5,
  );
  const list = results.list?.node?.medianMs ?? null;
  add(
    "`spine list` answers in < 0.5 s (median of 5, node apps/cli/dist/bin.js list)",
    list === null ? "n/a" : `${seconds(list)} s`,
    list === null ? null : list < 500,
  );
  return targets;
}

function weekTable(results) {
  const header = [
    "Rows",
    "Backend",
    "Ingest s",
    "Normalize s",
    "Aggregate s",
    "Pipeline s",
    "Process wall s",
    "Rows/s",
    "Peak RSS MB",
    "sqlite3 shell s",
    "sqlite3 RSS MB",
    "Ours / sqlite3",
  ];
  const rows = results.weeks.map((week) => {
    const baseline = week.baseline;
    const missing = results.sqliteVersion ? "skipped" : "sqlite3 not on PATH";
    return [
      thousands(week.size),
      results.options.backend,
      seconds(stageMs(week, "otc.ingest_week")),
      seconds(stageMs(week, "otc.normalize_week")),
      seconds(stageMs(week, "otc.aggregate_week")),
      seconds(week.ours.pipelineMs),
      seconds(week.ours.wallMs),
      thousands(week.size / (week.ours.wallMs / 1000)),
      megabytes(week.ours.maxRssKb),
      baseline ? seconds(baseline.wallMs) : missing,
      baseline ? megabytes(baseline.maxRssKb) : "n/a",
      baseline ? `${(week.ours.wallMs / baseline.wallMs).toFixed(2)}x` : "n/a",
    ];
  });
  return table(header, rows);
}

function backfillTable(backfill) {
  const totals = stageTotals(backfill.stageTimings);
  const derived = (totals.get("otc.compute_rolling") ?? 0) + (totals.get("otc.research_snapshot_week") ?? 0);
  const rows = backfill.rows * backfill.weeks;
  return table(
    [
      "Weeks x rows",
      "Mode",
      "Process wall s",
      "Pipelines s",
      "Rows/s",
      "Peak RSS MB",
      "of which rolling+snapshot s",
    ],
    [
      [
        `${backfill.weeks} x ${thousands(backfill.rows)}`,
        backfill.mode,
        seconds(backfill.wallMs),
        seconds(backfill.totalMs),
        thousands(rows / (backfill.wallMs / 1000)),
        megabytes(backfill.maxRssKb),
        totals.has("otc.compute_rolling") ? seconds(derived) : "n/a (no rolling stage ran)",
      ],
    ],
  );
}

function backfillStages(backfill) {
  const totals = stageTotals(backfill.stageTimings);
  const counts = new Map();
  for (const timing of backfill.stageTimings)
    counts.set(timing.pipeline, (counts.get(timing.pipeline) ?? 0) + 1);
  return table(
    ["Stage (from child executions)", "Runs", "Total s over the weeks"],
    [...totals].map(([pipeline, ms]) => [pipeline, String(counts.get(pipeline)), seconds(ms)]),
  );
}

function rollingTable(rolling) {
  return table(
    [
      "Rows/week",
      "Symbol-week rows in window",
      "compute_rolling ms",
      "research_snapshot_week ms",
      "Total ms",
      "us per symbol-week row",
      "Peak RSS MB",
    ],
    rolling.map((run) => {
      const totals = stageTotals(run.timings);
      return [
        thousands(run.rows),
        thousands(run.summaryRowsInWindow),
        (totals.get("otc.compute_rolling") ?? 0).toFixed(0),
        (totals.get("otc.research_snapshot_week") ?? 0).toFixed(0),
        run.totalMs.toFixed(0),
        ((run.totalMs / run.summaryRowsInWindow) * 1000).toFixed(1),
        megabytes(run.maxRssKb),
      ];
    }),
  );
}

function listTable(list) {
  const rows = [
    [
      "node apps/cli/dist/bin.js list",
      list.node.medianMs.toFixed(0),
      list.node.runs.map((ms) => ms.toFixed(0)).join(", "),
    ],
  ];
  if (list.pnpm) {
    rows.push([
      "npx -y pnpm@10 spine list (npx + pnpm start-up included)",
      list.pnpm.medianMs.toFixed(0),
      list.pnpm.runs.map((ms) => ms.toFixed(0)).join(", "),
    ]);
  }
  return table(["Command", "Median ms", "Runs ms"], rows);
}

/** The results as Markdown: machine, week table, backfill, rolling scaling, list latency, targets. */
export function renderReport(results) {
  const { machine, options } = results;
  const sections = [
    `Run ${new Date().toISOString().slice(0, 10)}, seed ${options.seed}, backend ${backendOf(options.backend).label}.`,
    "",
    `Machine: ${machine.cores} cores, ${machine.memory}, ${machine.cpu}; ${machine.os}; Node ${machine.node}; ` +
      `sqlite3 shell ${results.sqliteVersion ?? "not on PATH"}; better-sqlite3 SQLite ${results.weeks[0]?.ours.sqliteVersion ?? "n/a"}; ` +
      `1-minute load average ${machine.loadAverageAtStart} at start, ${results.loadAverageAtEnd ?? "n/a"} at end ` +
      `(above ~${machine.cores} other work was competing and every time is inflated).`,
  ];
  if (results.weeks.length > 0) {
    sections.push(
      "",
      "### Week pipeline vs sqlite3 shell",
      "",
      "Process wall = the parent's clock around the child process (Node start-up, migrations and all three stages); the sqlite3 baseline is timed the same way. Peak RSS from `/usr/bin/time -v`.",
      "",
      weekTable(results),
    );
  }
  if (results.backfill) {
    sections.push(
      "",
      "### 6-week backfill with rolling and snapshot",
      "",
      backfillTable(results.backfill),
      "",
      backfillStages(results.backfill),
    );
  }
  if (results.rolling.length > 0) {
    sections.push(
      "",
      "### Rolling and snapshot scaling",
      "",
      "compute_rolling (window 6) + research_snapshot_week of the last of 6 loaded weeks; flat cost per symbol-week row means linear growth.",
      "",
      rollingTable(results.rolling),
    );
  }
  if (results.list) sections.push("", "### `spine list` latency", "", listTable(results.list));
  if (results.failures.length > 0) {
    sections.push(
      "",
      "### Failed scenarios",
      "",
      table(
        ["Scenario", "Error"],
        results.failures.map((f) => [f.scenario, f.message]),
      ),
    );
  }
  sections.push(
    "",
    "### Targets",
    "",
    table(
      ["Target", "Measured", "Verdict"],
      results.targets.map((target) => [target.target, target.measured, target.verdict]),
    ),
  );
  return sections.join("\n");
}

/** Replaces the results between the markers of BENCHMARKS.md, keeping everything else as written. */
export function writeBenchmarksFile(report) {
  const block = `${START_MARKER}\n${report}\n${END_MARKER}`;
  const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, "utf8") : "";
  const start = current.indexOf(START_MARKER);
  const end = current.indexOf(END_MARKER);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + END_MARKER.length)}`
      : `${current || "# Benchmarks\n"}\n## Results\n\n${block}\n`;
  writeFileSync(benchmarksFile, next);
}
