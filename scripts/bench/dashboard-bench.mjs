#!/usr/bin/env node
// `pnpm bench:dashboard`: the dashboard at five years of weeks. Loads generated weeks (small files,
// every stage, OTC and ATS, 3 tiers each) through the real `spine load`, then measures in-process-
// free HTTP latency of the coverage grid and a venue's 5-year series (median of 15 after a warm-up)
// and, in Debian's Chromium, how long the coverage grid and the venue chart take to render.
// Targets (issue "A web dashboard and HTTP API"): coverage API < 200 ms; grid and series render < 1 s.
// Usage: node scripts/bench/dashboard-bench.mjs [--weeks 260] [--rows 40] [--reuse]
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { atsFixtureFileName, generateAtsWeek } from "../fixtures/finra-ats-week-generator.mjs";
import { fixtureFileName, writeFinraWeek } from "../fixtures/finra-week-generator.mjs";
import { addWeeks } from "./datasets.mjs";
import { benchDirectory, cliBin } from "./paths.mjs";

const { values } = parseArgs({
  options: {
    weeks: { type: "string", default: "260" },
    rows: { type: "string", default: "40" },
    reuse: { type: "boolean", default: false },
  },
});
const weeks = Number(values.weeks);
const rows = Number(values.rows);
const tiers = ["NMS Tier 1", "NMS Tier 2", "OTC"];
const firstWeek = "2020-10-02";
const folder = join(benchDirectory, `dashboard-${weeks}w-${rows}r`);
const database = join(folder, "spine.db");
const environment = { ...process.env, SPINE_DATABASE_PATH: database, SPINE_LOG_LEVEL: "warn" };
const log = (message) => process.stderr.write(`[bench:dashboard] ${message}\n`);

function spine(...argv) {
  return execFileSync(process.execPath, [cliBin, ...argv], {
    env: environment,
    stdio: ["ignore", "pipe", "inherit"],
  });
}

async function generate() {
  const otc = join(folder, "otc");
  const ats = join(folder, "ats");
  mkdirSync(otc, { recursive: true });
  mkdirSync(ats, { recursive: true });
  for (let index = 0; index < weeks; index += 1) {
    const weekEnding = addWeeks(firstWeek, index);
    for (const tier of tiers) {
      await writeFinraWeek(join(otc, fixtureFileName(tier, weekEnding)), { tier, weekEnding, rows, seed: 7 });
      const lines = [...generateAtsWeek({ tier, weekEnding, symbols: Math.max(2, rows / 8), seed: 7 })];
      writeFileSync(join(ats, atsFixtureFileName(tier, weekEnding)), `${lines.join("\n")}\n`);
    }
  }
  return { otc, ats };
}

async function load() {
  if (values.reuse && existsSync(database)) return { seconds: null };
  rmSync(folder, { recursive: true, force: true });
  const { otc, ats } = await generate();
  spine("db", "init");
  const started = performance.now();
  log(`loading ${weeks} weeks x ${tiers.length} tiers of OTC and of ATS (every stage)...`);
  spine("load", otc, "--domain", "otc");
  spine("load", ats, "--domain", "ats");
  return { seconds: (performance.now() - started) / 1000 };
}

function serve() {
  const child = spawn(process.execPath, [cliBin, "serve", "--port", "0", "--json"], { env: environment });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.endsWith("\n")) resolve({ url: JSON.parse(output).url, stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => reject(new Error(`spine serve exited ${code}`)));
  });
}

async function medianLatency(url) {
  await (await fetch(url)).arrayBuffer();
  const times = [];
  for (let round = 0; round < 15; round += 1) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((left, right) => left - right)[7];
}

async function renderTimes(url, mpid) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const timed = async (hash) => {
    await page.goto("about:blank");
    const started = performance.now();
    await page.goto(`${url}/${hash}`);
    await page.waitForFunction(() => document.getElementById("view")?.dataset.ready !== undefined);
    return performance.now() - started;
  };
  await timed("#/coverage");
  const coverage = await timed("#/coverage");
  const cells = await page.locator("td.cell").count();
  const venue = await timed(`#/venue?mpid=${mpid}&tier=OTC`);
  const points = Number(
    await page.locator('section[data-query="otc.venue_history"] .chart').getAttribute("data-points"),
  );
  await browser.close();
  return { coverage, cells, venue, points };
}

const loaded = await load();
const served = await serve();
try {
  const venues = await (
    await fetch(
      `${served.url}/api/queries/otc.venue_shares?tier=OTC&week_ending=${addWeeks(firstWeek, weeks - 1)}`,
    )
  ).json();
  const mpid = venues.rows[0].mpid;
  const otcCoverage = await medianLatency(`${served.url}/api/domains/otc/coverage`);
  const atsCoverage = await medianLatency(`${served.url}/api/domains/ats/coverage`);
  const series = await medianLatency(`${served.url}/api/queries/otc.venue_history?mpid=${mpid}&tier=OTC`);
  const render = await renderTimes(served.url, mpid);
  const pass = (value, target) => `${value.toFixed(0)} ms ${value < target ? "(pass)" : "(MISS)"}`;
  const report = [
    `Dashboard at ${weeks} weeks x 3 tiers x 2 domains (${rows} rows per OTC tier-week; SQLite):`,
    loaded.seconds === null
      ? "- load: reused"
      : `- load (every stage, both domains): ${loaded.seconds.toFixed(1)} s`,
    `- GET coverage (otc): ${pass(otcCoverage, 200)}; (ats): ${pass(atsCoverage, 200)} (target < 200 ms)`,
    `- GET otc.venue_history ${mpid} (${render.points} weeks): ${series.toFixed(0)} ms`,
    `- coverage grid rendered in Chromium (${render.cells} cells): ${pass(render.coverage, 1000)} (target < 1 s)`,
    `- venue chart rendered (${render.points} points): ${pass(render.venue, 1000)} (target < 1 s)`,
  ].join("\n");
  process.stdout.write(`${report}\n`);
} finally {
  served.stop();
}
