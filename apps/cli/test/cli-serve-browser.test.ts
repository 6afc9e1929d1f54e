/// <reference lib="dom" />
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectionOf, spawnSpine, spineBinary } from "./support/spawn-spine.js";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { createTestDatabaseLocation, testBackend } from "./support/test-backend.js";

// Debian's Chromium (apt-get install chromium), never a downloaded browser. CI installs it and sets
// SPINE_REQUIRE_BROWSER=1, so a missing browser fails there instead of skipping the suite.
const chromiumPath = "/usr/bin/chromium";
const browserRequired = process.env.SPINE_REQUIRE_BROWSER === "1";
const fixtures = (path: string) => fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url));
const screenshots = fileURLToPath(new URL(`../test-output/screenshots/${testBackend}/`, import.meta.url));
const staleWeek = "2025-10-17";
const failedWeek = "2025-11-07";
const shownWeek = "2025-10-10";

interface Served {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

// `spine serve --port 0 --json` prints { ok, url } once listening; SIGTERM stops it.
function serve(database: TestDatabaseLocation): Promise<Served> {
  const child = spawn(process.execPath, [spineBinary, "serve", "--port", "0", "--json"], {
    env: { ...process.env, ...selectionOf(database), SPINE_LOG_LEVEL: "warn" },
  });
  const stopped = new Promise<void>((done) => child.once("close", () => done()));
  const stop = async () => {
    child.kill("SIGTERM");
    await stopped;
  };
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.endsWith("\n")) resolve({ url: (JSON.parse(output) as { url: string }).url, stop });
    });
    child.once("close", (code) => reject(new Error(`spine serve exited ${code} before listening`)));
  });
}

async function run(database: TestDatabaseLocation, ...argv: string[]) {
  const outcome = await spawnSpine(database, argv);
  return outcome;
}

async function load(database: TestDatabaseLocation): Promise<void> {
  expect((await run(database, "db", "init")).code).toBe(0);
  const otc = await run(
    database,
    "run",
    "otc.backfill_range",
    "-p",
    `source_dir=${fixtures("finra-otc/generated")}`,
    "-p",
    "tier=OTC",
  );
  expect(otc.code, otc.stderr).toBe(0);
  const ats = await run(
    database,
    "run",
    "ats.backfill_range",
    "-p",
    `source_dir=${fixtures("finra-ats/generated")}`,
  );
  expect(ats.code, ats.stderr).toBe(0);
  const file = fixtures(`finra-otc/generated/otc_week_${staleWeek}.csv`);
  const forced = await run(
    database,
    "run",
    "otc.ingest_week",
    "--force",
    "-p",
    `file_path=${file}`,
    "-p",
    "tier=OTC",
    "-p",
    `week_ending=${staleWeek}`,
  );
  expect(forced.code, forced.stderr).toBe(0);
  const bad = fixtures("finra-otc/edge-cases/missing-columns.csv");
  const failed = await run(
    database,
    "run",
    "otc.ingest_week",
    "-p",
    `file_path=${bad}`,
    "-p",
    "tier=OTC",
    "-p",
    `week_ending=${failedWeek}`,
  );
  expect(failed.code).toBe(1);
}

async function open(page: Page, url: string, hash: string, name: string): Promise<void> {
  await page.goto(`${url}/${hash}`);
  await page.waitForFunction(() => document.getElementById("view")?.dataset.ready !== undefined);
  expect(await page.evaluate(() => document.getElementById("view")?.dataset.ready)).not.toBe("error");
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

describe.runIf(existsSync(chromiumPath) || browserRequired)(
  "integration: spine serve in a real browser",
  () => {
    let folder: string;
    let database: TestDatabaseLocation;
    let served: Served;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), "spine-serve-"));
      mkdirSync(screenshots, { recursive: true });
      database = await createTestDatabaseLocation(folder);
      await load(database);
      served = await serve(database);
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await served?.stop();
      await database?.drop();
      rmSync(folder, { recursive: true, force: true });
    });

    it("shows a failed and a stale partition in the coverage grid, and clicks through to the execution", async () => {
      await open(page, served.url, "#/coverage", "coverage");
      const cell = (week: string) =>
        page.locator(`table[data-domain="otc"] td[data-partition*='"week_ending":"${week}"']`);
      expect(await cell(failedWeek).getAttribute("data-status")).toBe("failed");
      expect(await cell(staleWeek).getAttribute("data-status")).toBe("stale");
      expect(await cell(shownWeek).getAttribute("data-status")).toBe("done");
      await cell(failedWeek).click();
      await page.waitForFunction(() => document.getElementById("view")?.dataset.ready === "/partition");
      await page.screenshot({ path: join(screenshots, "partition.png"), fullPage: true });
      const ingest = page.locator('tr[data-stage="ingest"]');
      expect(await ingest.locator("td").nth(1).textContent()).toBe("failed");
      const executionId = (await ingest.locator("a").textContent()) ?? "";
      await ingest.locator("a").click();
      await page.waitForFunction(() => document.getElementById("view")?.dataset.ready === "/execution");
      expect(await page.locator("h1").getAttribute("data-execution")).toBe(executionId);
      expect(await page.locator("main").textContent()).toContain("missing required columns");
      await page.screenshot({ path: join(screenshots, "execution.png"), fullPage: true });
    });

    it("draws a venue's market share over time with the API's data points", async () => {
      const response = await fetch(`${served.url}/api/queries/otc.venue_history?mpid=NWEX&tier=OTC`);
      const api = (await response.json()) as { rows: Array<{ week_ending: string }> };
      await open(page, served.url, "#/venue?mpid=NWEX&tier=OTC", "venue");
      const block = page.locator('section[data-query="otc.venue_history"]');
      expect(Number(await block.locator(".chart").getAttribute("data-points"))).toBe(api.rows.length);
      const shown = await block
        .locator(".chart-table tbody tr")
        .evaluateAll((rows) =>
          rows.map((row) => Array.from(row.querySelectorAll("td"), (cell) => cell.textContent)),
        );
      expect(shown.map((cells) => cells[0])).toEqual(api.rows.map((row) => row.week_ending));
      expect(await block.locator("canvas").count()).toBe(1);
    });

    it("downloads the CSV of what is shown, equal to the CLI's --csv for the same query", async () => {
      await open(page, served.url, `#/week?tier=OTC&week_ending=${shownWeek}`, "week");
      const block = page.locator('section[data-query="otc.venue_shares"]');
      const [download] = await Promise.all([page.waitForEvent("download"), block.locator("a.csv").click()]);
      const downloaded = readFileSync((await download.path()) ?? "", "utf8");
      const cli = await run(
        database,
        "query",
        "otc.venue_shares",
        "--tier",
        "OTC",
        "--week-ending",
        shownWeek,
        "--csv",
      );
      expect(cli.code, cli.stderr).toBe(0);
      expect(downloaded).toBe(cli.stdout);
      await open(page, served.url, "#/symbol?symbol=NCWX", "symbol");
      await open(page, served.url, "#/tier?tier=OTC", "concentration");
      await open(page, served.url, "#/runs", "runs");
      await open(page, served.url, "#/problems", "quality-and-rejects");
    });
  },
);
