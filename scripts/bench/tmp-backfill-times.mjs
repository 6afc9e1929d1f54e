// Where a week's time goes, statement by statement, on SQLite: runs ingest -> normalize ->
// aggregate for one file in a fresh database and prints each stage's wall time and the SQL
// statements that took longest (total ms, runs, statement). Not part of `pnpm bench`; a tool for
// whoever works on speed next.
// Usage: node scripts/bench/statement-times.mjs FILE [--top N]
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { domainEntry, platformEntry, repoRoot } from "./paths.mjs";

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: node scripts/bench/statement-times.mjs FILE [--top N]");
  process.exitCode = 2;
} else {
  await main(file, Number(rest[rest.indexOf("--top") + 1] ?? 15) || 15);
}

// Wraps better-sqlite3's prepared statements so every run/all/get adds to its statement's total.
function timeStatements() {
  const Database = createRequire(join(repoRoot, "packages/platform/package.json"))("better-sqlite3");
  const totals = new Map();
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function timedPrepare(source, ...args) {
    const statement = prepare.call(this, source, ...args);
    const key = source.replace(/\s+/g, " ").slice(0, 120);
    for (const method of ["run", "all", "get"]) {
      const original = statement[method].bind(statement);
      statement[method] = (...values) => {
        const started = performance.now();
        try {
          return original(...values);
        } finally {
          const entry = totals.get(key) ?? { ms: 0, runs: 0 };
          entry.ms += performance.now() - started;
          entry.runs += 1;
          totals.set(key, entry);
        }
      };
    }
    return statement;
  };
  return totals;
}

async function main(path, top) {
  const totals = timeStatements();
  const platform = await import(platformEntry);
  const { otcDomain } = await import(domainEntry);
  const directory = mkdtempSync(join(tmpdir(), "spine-statement-times-"));
  const spine = await platform.createSpine({
    settings: platform.loadSettings({ databasePath: join(directory, "spine.db") }),
    domains: [otcDomain],
    logger: platform.createSilentLogger(),
  });
  try {
    await spine.migrate();
    let partition;
    for (const pipeline of ["otc.backfill_range"]) {
      const started = performance.now();
      const params = { tier: "otc", start_week: "2025-08-22", end_week: "2025-09-26", source_dir: path, window_weeks: 6 };
      const execution = await spine.dispatcher.submit(pipeline, params);
      if (execution.status !== "completed")
        throw new Error(`${pipeline} ${execution.status}: ${execution.error}`);
      partition ??= { tier: execution.metrics.tier, week_ending: execution.metrics.week_ending };
      console.log(`${pipeline.padEnd(20)} ${String(Math.round(performance.now() - started)).padStart(7)} ms`);
    }
  } finally {
    await spine.close();
    rmSync(directory, { recursive: true, force: true });
  }
  console.log("\n  total ms   runs  statement");
  for (const [statement, entry] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
    console.log(
      `${String(Math.round(entry.ms)).padStart(10)} ${String(entry.runs).padStart(6)}  ${statement}`,
    );
  }
}
