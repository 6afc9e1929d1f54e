#!/usr/bin/env node
// The main job in one command (README): backfill the shipped fixtures into a SQLite file of the
// demo's own (spine-demo.db, never the ./spine.db that `spine db init` creates for real data,
// where generated weeks would sit beside real ones) through the real CLI, then print a short
// research summary. Re-running it resumes: finished tier-weeks are skipped by the manifest.
// The ATS domain loads beside OTC into the same database, from its own fixtures.
// Usage: node scripts/demo.mjs [--db <path-or-url>] [--source-dir <dir>] [--ats-source-dir <dir>]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = fileURLToPath(new URL("../apps/cli/bin/spine.mjs", import.meta.url));
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const database = argument("--db", "spine-demo.db");
const sourceDirectory = argument("--source-dir", "fixtures/finra-otc/generated");
const atsSourceDirectory = argument("--ats-source-dir", "fixtures/finra-ats/generated");

function spine(args, { json = true, inherit = false } = {}) {
  const result = spawnSync(
    process.execPath,
    [cli, "--db", database, "--log-level", "warn", ...args, ...(json ? ["--json"] : [])],
    {
      cwd: root,
      encoding: "utf8",
      stdio: inherit ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    throw new Error(`spine ${args.join(" ")} exited with ${result.status}`);
  }
  return json ? JSON.parse(result.stdout) : null;
}

const rowsOf = (document) => (Array.isArray(document) ? document : (document.rows ?? []));
const format = (value, digits = 4) =>
  typeof value === "number" && !Number.isInteger(value) ? value.toFixed(digits) : String(value ?? "");

function printTable(title, rows, columns) {
  console.log(`\n${title}`);
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => format(row[column]).length)),
  );
  console.log(columns.map((column, index) => column.padEnd(widths[index])).join("  "));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows)
    console.log(columns.map((column, index) => format(row[column]).padEnd(widths[index])).join("  "));
}

console.log(
  `Market Spine demo: backfilling ${sourceDirectory} into ${database} (the demo's own database; your data goes elsewhere, ./spine.db by default)`,
);
spine(["db", "init"], { json: false, inherit: true });
spine(["run", "otc.backfill_range", "-p", `source_dir=${sourceDirectory}`], { json: false, inherit: true });

const weeks = rowsOf(spine(["query", "otc.weeks"]));
console.log(`\nWeeks loaded: ${weeks.length} tier-weeks`);
const latestByTier = new Map();
for (const week of weeks) {
  const current = latestByTier.get(week.tier);
  if (!current || week.week_ending > current) latestByTier.set(week.tier, week.week_ending);
}
for (const [tier, weekEnding] of [...latestByTier].sort()) {
  const shares = rowsOf(
    spine(["query", "otc.venue_shares", "-p", `tier=${tier}`, "-p", `week_ending=${weekEnding}`]),
  );
  printTable(`Top venues, ${tier}, week ending ${weekEnding}`, shares.slice(0, 5), [
    "rank",
    "mpid",
    "total_volume",
    "market_share",
  ]);
}
const otcWeek = latestByTier.get("OTC");
if (otcWeek) {
  const top = rowsOf(
    spine(["query", "otc.top_symbols", "-p", "tier=OTC", "-p", `week_ending=${otcWeek}`, "-p", "limit=5"]),
  );
  const rolling = top.map((symbol) => {
    const [latest] = rowsOf(
      spine([
        "query",
        "otc.symbol_history",
        "-p",
        `symbol=${symbol.symbol}`,
        "-p",
        "tier=OTC",
        "-p",
        "weeks=1",
      ]),
    );
    return { symbol: symbol.symbol, total_volume: symbol.total_volume, ...latest };
  });
  printTable(`Rolling metrics (6 weeks), OTC, week ending ${otcWeek}`, rolling, [
    "symbol",
    "total_volume",
    "rolling_avg_volume",
    "rolling_min_volume",
    "rolling_max_volume",
    "rolling_trend_pct",
    "rolling_trend_direction",
    "rolling_weeks_available",
  ]);
}
function printAtsSummary() {
  console.log(`\nMarket Spine demo: backfilling ATS data from ${atsSourceDirectory} into ${database}`);
  spine(["run", "ats.backfill_range", "-p", `source_dir=${atsSourceDirectory}`], {
    json: false,
    inherit: true,
  });
  const atsWeeks = rowsOf(spine(["query", "ats.weeks"]));
  console.log(`\nATS tier-weeks loaded: ${atsWeeks.length}`);
  const newest = atsWeeks.find((week) => week.tier === "NMS Tier 1") ?? atsWeeks[0];
  if (!newest) return;
  const tierWeek = ["-p", `tier=${newest.tier}`, "-p", `week_ending=${newest.week_ending}`];
  const title = `${newest.tier}, week ending ${newest.week_ending}`;
  const venues = rowsOf(spine(["query", "ats.venue_shares", ...tierWeek]));
  printTable(`Top ATSs, ${title}`, venues.slice(0, 5), [
    "share_rank",
    "mpid",
    "ats_name",
    "shares",
    "market_share",
    "avg_trade_size",
  ]);
  const concentrated = rowsOf(
    spine(["query", "ats.symbol_concentration", ...tierWeek, "-p", "min_ats=2", "-p", "limit=5"]),
  );
  printTable(`Most concentrated symbols across ATSs (HHI), ${title}`, concentrated, [
    "symbol",
    "ats_count",
    "hhi",
    "top_mpid",
    "top_share",
  ]);
}
printAtsSummary();
console.log(`\nExplore the demo's data: npx -y pnpm@10 spine --db ${database} query --list`);
console.log(
  "Your own FINRA files: npx -y pnpm@10 spine db init, then load them into ./spine.db (see README).",
);
