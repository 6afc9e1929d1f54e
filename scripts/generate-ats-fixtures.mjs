// Writes the deterministic generated FINRA ATS fixtures to fixtures/finra-ats/generated; `--check`
// regenerates in memory and exits 1 if the committed files differ.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { atsFixtureFileName, generateAtsWeek } from "./fixtures/finra-ats-week-generator.mjs";

const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const GENERATED_DIRECTORY = join(REPOSITORY_ROOT, "fixtures", "finra-ats", "generated");
const SEED = 20250926;
const TIERS = ["NMS Tier 1", "NMS Tier 2", "OTC"];
// Four weeks whose first-publication Mondays (tier 1: 09-22..10-13, others: 10-06..10-27) are no holidays.
const WEEK_ENDINGS = ["2025-09-05", "2025-09-12", "2025-09-19", "2025-09-26"];
const SYMBOLS_PER_TIER = { "NMS Tier 1": 24, "NMS Tier 2": 18, OTC: 12 };

function fixtureFiles() {
  return WEEK_ENDINGS.flatMap((weekEnding) =>
    TIERS.map((tier) => {
      const lines = [...generateAtsWeek({ tier, weekEnding, symbols: SYMBOLS_PER_TIER[tier], seed: SEED })];
      return { name: atsFixtureFileName(tier, weekEnding), content: `${lines.join("\n")}\n` };
    }),
  );
}

async function committedFiles() {
  try {
    return (await readdir(GENERATED_DIRECTORY)).filter((name) => name.endsWith(".csv")).sort();
  } catch {
    return [];
  }
}

async function check() {
  const expected = fixtureFiles();
  const committed = await committedFiles();
  const problems = committed
    .filter((name) => !expected.some((file) => file.name === name))
    .map((name) => `unexpected file ${name}`);
  for (const file of expected) {
    if (!committed.includes(file.name)) problems.push(`missing file ${file.name}`);
    else if ((await readFile(join(GENERATED_DIRECTORY, file.name), "utf8")) !== file.content)
      problems.push(`content differs: ${file.name}`);
  }
  if (problems.length > 0) {
    console.error(
      `fixtures/finra-ats/generated is stale; run pnpm fixtures:generate\n  ${problems.join("\n  ")}`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`fixtures/finra-ats/generated is up to date (${expected.length} files)`);
}

async function generate() {
  await mkdir(GENERATED_DIRECTORY, { recursive: true });
  for (const name of await committedFiles()) await rm(join(GENERATED_DIRECTORY, name));
  const files = fixtureFiles();
  for (const file of files) await writeFile(join(GENERATED_DIRECTORY, file.name), file.content);
  console.log(`wrote ${files.length} files to fixtures/finra-ats/generated`);
}

await (process.argv.includes("--check") ? check() : generate());
