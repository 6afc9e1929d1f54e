// Renders bench results as Markdown (printed to stdout and written into BENCHMARKS.md between
// markers) and checks them against the targets of issues #11 and #17: SQLite's against the sqlite3
// shell, PostgreSQL's 1M-row week against psql (report-tables.mjs puts the backends side by side).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { benchmarksFile } from "./paths.mjs";
import {
  backfillStages,
  backfillTable,
  listTable,
  megabytes,
  rollingTable,
  seconds,
  table,
  weekRunsTable,
  weekStageTable,
  weekTable,
} from "./report-tables.mjs";

function weekTargets(results, add) {
  const sqliteWeek = (size) => results.weeks.find((week) => week.size === size && week.runs.sqlite);
  const week1m = sqliteWeek(1_000_000);
  const week2m = sqliteWeek(2_000_000);
  const ours1m = week1m?.runs.sqlite;
  const ratio = week1m?.baseline ? ours1m.wallMs / week1m.baseline.wallMs : null;
  add(
    "1M-row week ingest+normalize+aggregate <= 1.5x sqlite3-shell baseline (process wall)",
    ratio === null
      ? "n/a"
      : `${ratio.toFixed(2)}x (${seconds(ours1m.wallMs)} s vs ${seconds(week1m.baseline.wallMs)} s)`,
    ratio === null ? null : ratio <= 1.5,
  );
  const postgres1m = results.weeks.find((week) => week.size === 1_000_000 && week.runs.postgres);
  const psqlRatio = postgres1m?.psqlBaseline
    ? postgres1m.runs.postgres.wallMs / postgres1m.psqlBaseline.wallMs
    : null;
  if (results.backends.includes("postgres"))
    add(
      // Issue #17's target, on a stock-configured cluster (fsync and synchronous_commit on).
      "1M-row week on PostgreSQL <= 1.5x psql baseline (process wall)",
      psqlRatio === null
        ? "n/a"
        : `${psqlRatio.toFixed(2)}x (${seconds(postgres1m.runs.postgres.wallMs)} s vs ${seconds(postgres1m.psqlBaseline.wallMs)} s)`,
      psqlRatio === null ? null : psqlRatio <= 1.5,
    );
  add(
    "peak RSS <= 400 MB for the 1M-row week",
    ours1m ? `${megabytes(ours1m.maxRssKb)} MB` : "n/a",
    ours1m ? ours1m.maxRssKb / 1024 <= 400 : null,
  );
  const ours2m = week2m?.runs.sqlite;
  const growth = ours1m && ours2m ? ours2m.maxRssKb / ours1m.maxRssKb : null;
  add(
    "2M-row week peak RSS within 25% of the 1M figure",
    growth === null
      ? "n/a"
      : `${megabytes(ours2m.maxRssKb)} MB = ${((growth - 1) * 100).toFixed(0)}% over 1M`,
    growth === null ? null : growth <= 1.25,
  );
}

// ", median of 5.4, 5.3, 6.5 s" when a scenario ran more than once.
function runsOf(run) {
  const runs = run.wallMsRuns ?? [];
  return runs.length > 1 ? `, median of ${runs.map((ms) => seconds(ms)).join(", ")} s` : "";
}

function seriesTargets(results, add) {
  const backfill = results.backfill?.sqlite;
  const fullBackfill =
    backfill && backfill.rows === 100_000 && backfill.pipelines.includes("otc.compute_rolling");
  add(
    // Issue #11's target; an earlier one asked for 5 s with the C extension in the core path.
    "6 weeks x 100k rows full backfill incl. rolling and snapshot < 6 s",
    backfill
      ? `${seconds(backfill.wallMs)} s process${runsOf(backfill)} (${seconds(backfill.totalMs)} s in pipelines; ${backfill.mode})`
      : "n/a",
    fullBackfill ? backfill.wallMs < 6000 : null,
  );
  const [small, large] = results.rolling.map((run) => run.runs.sqlite);
  const perRow = (run) => run.totalMs / run.summaryRowsInWindow;
  const scaling = small && large ? perRow(large) / perRow(small) : null;
  add(
    "rolling + snapshot cost grows with rows, not rows x symbols (per-row cost flat, <= 1.5x)",
    scaling === null
      ? "n/a"
      : `${(perRow(small) * 1000).toFixed(1)} -> ${(perRow(large) * 1000).toFixed(1)} us/row (${scaling.toFixed(2)}x for ${(large.summaryRowsInWindow / small.summaryRowsInWindow).toFixed(1)}x rows)`,
    scaling === null ? null : scaling <= 1.5,
  );
}

/** The targets (on SQLite), each with the measured value and pass / MISS / not measured. */
export function evaluateTargets(results) {
  const targets = [];
  const add = (target, measured, pass) =>
    targets.push({ target, measured, verdict: pass === null ? "not measured" : pass ? "pass" : "MISS" });
  weekTargets(results, add);
  seriesTargets(results, add);
  const list = results.list?.node?.medianMs ?? null;
  add(
    "`spine list` answers in < 0.5 s (median of 5, node apps/cli/dist/bin.js list)",
    list === null ? "n/a" : `${seconds(list)} s`,
    list === null ? null : list < 500,
  );
  return targets;
}

function backendsLine(results) {
  const version = (backend) =>
    results.weeks.map((week) => week.runs[backend]?.serverVersion).find(Boolean) ?? "version n/a";
  const parts = [];
  if (results.backends.includes("sqlite")) parts.push(`SQLite ${version("sqlite")} (better-sqlite3)`);
  if (results.backends.includes("postgres")) {
    const where = results.postgres?.throwaway
      ? "a throwaway cluster from scripts/with-postgres.sh started stock (fsync, synchronous_commit and full_page_writes on)"
      : `the server of ${results.postgres?.variable} (a scripts/with-postgres.sh cluster runs with fsync off)`;
    parts.push(`PostgreSQL ${version("postgres")} on ${where}, a fresh database per run`);
  }
  const skipped = results.postgresSkipped ? ` PostgreSQL not measured: ${results.postgresSkipped}.` : "";
  return `Backends: ${parts.join("; ")}.${skipped}`;
}

function header(results) {
  const { machine, options } = results;
  return [
    `Run ${new Date().toISOString().slice(0, 10)}, seed ${options.seed}. ${backendsLine(results)}`,
    "",
    `Machine: ${machine.cores} cores, ${machine.memory}, ${machine.cpu}; ${machine.os}; Node ${machine.node}; ` +
      `sqlite3 shell ${results.sqliteVersion ?? "not on PATH"}; ` +
      `1-minute load average ${machine.loadAverageAtStart} at start, ${results.loadAverageAtEnd ?? "n/a"} at end ` +
      `(above ~${machine.cores} other work was competing and every time is inflated).`,
  ];
}

function scenarioSections(results) {
  const sections = [];
  if (results.weeks.length > 0) {
    sections.push("", "### Week pipeline vs sqlite3 shell", "");
    sections.push(
      "Wall = the parent's clock around the child process (Node start-up, migrations and all three stages); the sqlite3 baseline is timed the same way. Peak RSS from `/usr/bin/time -v`, of the Node process only (a PostgreSQL server's own memory is not in it). SQLite and sqlite3 figures are the medians of the interleaved runs listed below; the stage table is the median SQLite run's.",
      "",
      weekTable(results),
      "",
      weekRunsTable(results),
      "",
      weekStageTable(results),
    );
  }
  if (results.backfill && Object.keys(results.backfill).length > 0) {
    sections.push("", "### 6-week backfill with rolling and snapshot", "", backfillTable(results));
    sections.push("", backfillStages(results));
  }
  if (results.rolling.some((run) => Object.keys(run.runs).length > 0)) {
    sections.push("", "### Rolling and snapshot scaling", "");
    sections.push(
      "compute_rolling (window 6) + research_snapshot_week of the last of 6 loaded weeks; flat cost per symbol-week row means linear growth.",
      "",
      rollingTable(results),
    );
  }
  if (results.list) sections.push("", "### `spine list` latency", "", listTable(results.list));
  return sections;
}

/** The results as Markdown: machine, week tables, backfill, rolling scaling, list latency, targets. */
export function renderReport(results) {
  const sections = [...header(results), ...scenarioSections(results)];
  if (results.failures.length > 0) {
    const failures = results.failures.map((failure) => [failure.scenario, failure.message]);
    sections.push("", "### Failed runs", "", table(["Scenario", "Error"], failures));
  }
  const targets = results.targets.map((target) => [target.target, target.measured, target.verdict]);
  sections.push("", "### Targets", "", table(["Target", "Measured", "Verdict"], targets));
  return sections.join("\n");
}

/**
 * Replaces the results between the markers of BENCHMARKS.md, keeping everything else as written;
 * without markers the block goes at the end under `heading`. `section` names the markers
 * (`<!-- bench:<section>:start -->`), so each scenario keeps its own block.
 */
export function writeBenchmarksFile(report, { section = "results", heading = "## Results" } = {}) {
  const [startMarker, endMarker] = [`<!-- bench:${section}:start -->`, `<!-- bench:${section}:end -->`];
  const block = `${startMarker}\n${report}\n${endMarker}`;
  const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, "utf8") : "";
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + endMarker.length)}`
      : `${current || "# Benchmarks\n"}\n${heading}\n\n${block}\n`;
  writeFileSync(benchmarksFile, next);
}
