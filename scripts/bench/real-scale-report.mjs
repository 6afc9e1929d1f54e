// The real-scale scenario's results as a Markdown section, and its place in BENCHMARKS.md.
import { writeBenchmarksFile } from "./report.mjs";

const LABELS = { sqlite: "SQLite", postgres: "PostgreSQL" };

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const milliseconds = (ms) => `${Math.round(ms)} ms`;
const megabytes = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const verdict = (ok) => (ok ? "pass" : "MISS");
const average = (values) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

// Flat in weeks: the peak of the last third of the weeks against that of the first third (week 1
// excluded: it starts from an empty database and a cold process).
function rssTrend(perWeek) {
  const peaks = perWeek.map((week) => week.peakRssMb);
  const third = Math.max(1, Math.floor(peaks.length / 3));
  const first = average(peaks.slice(1, 1 + third).length > 0 ? peaks.slice(1, 1 + third) : peaks.slice(0, 1));
  const last = average(peaks.slice(-third));
  return { first, last, growth: last / first, max: Math.max(...peaks) };
}

// Issue #18: one year in under 150 s, five years in under 15 minutes (a longer run is held to
// the five-year pace, which allows for a larger database).
function backfillTarget(totalSeconds, yearSeconds, weeks) {
  if (weeks <= 52) return `one year < 150 s: ${verdict(yearSeconds < 150)}`;
  const budget = 900 * (weeks / 260);
  const label =
    weeks === 260
      ? "five years < 15 min"
      : `${weeks} weeks < ${(budget / 60).toFixed(1)} min (the five-year pace)`;
  return `${label}: ${verdict(totalSeconds < budget)}`;
}

function summaryRows(run, sourceRows, weeks) {
  const { backfill, storage, latencies, cli } = run;
  const rowsPerSecond = sourceRows / (backfill.totalMs / 1000);
  const yearSeconds = (backfill.totalMs / 1000) * (52 / weeks);
  const trend = rssTrend(backfill.perWeek);
  const peakMb = (run.processMaxRssKb ?? 0) / 1024;
  const gigabytesPerYear = (storage.totalBytes / 2 ** 30) * (52 / weeks);
  const cliOver = (ms) => Math.max(0, ms - cli.startupMs);
  return [
    [
      "Backfill, ingest through snapshot (otc.backfill_range, one call per week)",
      `${seconds(backfill.totalMs)}, ${Math.round(rowsPerSecond).toLocaleString("en-US")} rows/s; ${yearSeconds.toFixed(0)} s per year`,
      backfillTarget(backfill.totalMs / 1000, yearSeconds, weeks),
    ],
    [
      "Peak RSS (whole child process)",
      `${peakMb.toFixed(0)} MB; per-week peak ${trend.first.toFixed(0)} MB early -> ${trend.last.toFixed(0)} MB late (${trend.growth.toFixed(2)}x)`,
      `< 400 MB and flat: ${verdict(peakMb < 400 && trend.growth < 1.15)}`,
    ],
    [
      "Database size",
      `${megabytes(storage.totalBytes)}, ${(storage.totalBytes / sourceRows).toFixed(0)} bytes per source row; ${gigabytesPerYear.toFixed(2)} GB per year`,
      `< 2 GB per year: ${verdict(gigabytesPerYear < 2)}`,
    ],
    [
      "A symbol's full history (otc.symbol_history)",
      `${milliseconds(latencies.symbolHistory.medianMs)} in process; CLI ${milliseconds(cliOver(cli.symbolHistoryMs))} over its start-up`,
      `< 200 ms, in process and CLI over start-up: ${verdict(latencies.symbolHistory.medianMs < 200 && cliOver(cli.symbolHistoryMs) < 200)}`,
    ],
    [
      "A venue's market-share series (otc.venue_history)",
      `${milliseconds(latencies.venueHistory.medianMs)} in process; CLI ${milliseconds(cliOver(cli.venueHistoryMs))} over its start-up`,
      `< 200 ms, in process and CLI over start-up: ${verdict(latencies.venueHistory.medianMs < 200 && cliOver(cli.venueHistoryMs) < 200)}`,
    ],
    [
      "Coverage of all weeks (readCoverageGrid)",
      `${milliseconds(latencies.coverage.medianMs)} in process (${latencies.coverage.rows} partitions); no CLI command reads it (\`spine serve\` does)`,
      `< 200 ms: ${verdict(latencies.coverage.medianMs < 200)}`,
    ],
    ["CLI start-up (`spine list`, median of 3)", milliseconds(cli.startupMs), "(subtracted above)"],
  ];
}

function table(header, rows) {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

function storageRows(storage, sourceRows) {
  return storage.tables
    .slice(0, 14)
    .map((entry) => [
      entry.name,
      megabytes(entry.tableBytes),
      megabytes(entry.indexBytes),
      ((entry.tableBytes + entry.indexBytes) / sourceRows).toFixed(1),
    ]);
}

/** The Markdown section of one real-scale run (every backend it measured). */
export function renderRealScale(results) {
  const { options, machine, sourceRows } = results;
  const perTier = "NMS Tier 1 72,000, NMS Tier 2 168,000, OTC 24,000 rows per week";
  const parts = [
    `### Real scale: ${options.weeks} weeks x 3 tiers at FINRA's sizes (\`pnpm bench -- --scenario real-scale --weeks ${options.weeks}\`)`,
    "",
    `${sourceRows.toLocaleString("en-US")} source rows (${perTier}), seed ${options.seed}, weeks ending ${options.lastWeek} and back; rolling window 6. Machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memory}, Node ${machine.node}, load ${machine.loadAverageAtStart} at start; measured ${new Date().toISOString().slice(0, 10)}.`,
  ];
  for (const [backend, run] of Object.entries(results.runs)) {
    parts.push(
      "",
      `#### ${LABELS[backend] ?? backend}${run.serverVersion ? ` (${run.serverVersion})` : ""}`,
      "",
    );
    parts.push(table(["Measure", "Result", "Target"], summaryRows(run, sourceRows, options.weeks)));
    parts.push("", `Bytes by table (${run.storage.method}), largest first:`, "");
    parts.push(
      table(
        ["Table", "Table bytes", "Index bytes", "Bytes per source row"],
        storageRows(run.storage, sourceRows),
      ),
    );
    const weeks = run.backfill.perWeek.map(
      (week) => `${week.weekEnding} ${week.peakRssMb} MB ${seconds(week.ms)}`,
    );
    parts.push("", `Per week (peak RSS, time): ${weeks.join("; ")}`);
  }
  return parts.join("\n");
}

/**
 * Replaces the real-scale section of BENCHMARKS.md for this many weeks (between its own markers),
 * or appends one: the default 52-week run and a five-year run keep a section each.
 */
export function writeRealScaleSection(report, weeks = 52) {
  writeBenchmarksFile(report, {
    section: weeks === 52 ? "real-scale" : `real-scale-${weeks}-weeks`,
    heading:
      weeks === 52
        ? "## Real scale (`pnpm bench -- --scenario real-scale`)"
        : `## Real scale, ${weeks} weeks (\`pnpm bench -- --scenario real-scale --weeks ${weeks}\`)`,
  });
}
