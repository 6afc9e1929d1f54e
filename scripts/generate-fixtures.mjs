// Writes the deterministic generated FINRA fixtures; `--check` regenerates into a temp dir
// and exits 1 if the committed fixtures differ (e.g. the generator changed without a rerun).
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixtureFileName, writeFinraWeek } from "./fixtures/finra-week-generator.mjs";

const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const GENERATED_DIRECTORY = join(REPOSITORY_ROOT, "fixtures", "finra-otc", "generated");
const SEED = 20251031;
const TIERS = ["NMS Tier 1", "NMS Tier 2", "OTC"];
const FIRST_WEEK_ENDING = "2025-08-29";
const WEEK_COUNT = 10;
const MINIMUM_ROWS = 300;
const ROW_RANGE = 401;

function addDays(isoDate, days) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// Row counts vary per file (300..700) but are fixed by tier and week, not by run.
function rowsFor(tierIndex, weekIndex) {
  return MINIMUM_ROWS + ((tierIndex * 7919 + weekIndex * 104_729 + SEED) % ROW_RANGE);
}

function fixturePlan() {
  const plan = [];
  for (let weekIndex = 0; weekIndex < WEEK_COUNT; weekIndex += 1) {
    const weekEnding = addDays(FIRST_WEEK_ENDING, weekIndex * 7);
    for (const [tierIndex, tier] of TIERS.entries()) {
      const fileName = fixtureFileName(tier, weekEnding);
      plan.push({ fileName, options: { tier, weekEnding, rows: rowsFor(tierIndex, weekIndex), seed: SEED } });
    }
  }
  return plan;
}

async function writeAll(directory) {
  await mkdir(directory, { recursive: true });
  for (const { fileName, options } of fixturePlan()) {
    await writeFinraWeek(join(directory, fileName), options);
  }
}

async function listCsv(directory) {
  try {
    return (await readdir(directory)).filter((name) => name.endsWith(".csv")).sort();
  } catch {
    return [];
  }
}

async function differences(expectedDirectory, actualDirectory) {
  const expected = await listCsv(expectedDirectory);
  const actual = await listCsv(actualDirectory);
  const found = [];
  for (const name of new Set([...expected, ...actual])) {
    if (!expected.includes(name)) found.push(`unexpected file ${name}`);
    else if (!actual.includes(name)) found.push(`missing file ${name}`);
    else {
      const [left, right] = await Promise.all([
        readFile(join(expectedDirectory, name)),
        readFile(join(actualDirectory, name)),
      ]);
      if (!left.equals(right)) found.push(`content differs: ${name}`);
    }
  }
  return found;
}

async function check() {
  const temporary = await mkdtemp(join(tmpdir(), "finra-fixtures-"));
  try {
    await writeAll(temporary);
    const found = await differences(temporary, GENERATED_DIRECTORY);
    if (found.length > 0) {
      console.error(
        `fixtures/finra-otc/generated is stale; run pnpm fixtures:generate\n  ${found.join("\n  ")}`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(`fixtures/finra-otc/generated is up to date (${fixturePlan().length} files)`);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

async function generate() {
  for (const name of await listCsv(GENERATED_DIRECTORY)) {
    await rm(join(GENERATED_DIRECTORY, name));
  }
  await writeAll(GENERATED_DIRECTORY);
  console.log(`wrote ${fixturePlan().length} files to fixtures/finra-otc/generated`);
}

await (process.argv.includes("--check") ? check() : generate());
