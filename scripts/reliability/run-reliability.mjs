#!/usr/bin/env node
// The reliability suite (issue #13): kill -9 during backfills then rerun and compare with a clean
// run, fuzzed source files, a full disk and concurrent processes. Needs the build (`pnpm build`).
//   node scripts/reliability/run-reliability.mjs [--seed N] [--trials N] [--fuzz-files N] [--only crash,fuzz,disk,concurrency]
// PostgreSQL runs too when SPINE_TEST_DATABASE_URL is set (scripts/with-postgres.sh sets it).
// A failure prints the seed: rerun with --seed to replay the same kill moments and mutations.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { mulberry32 } from "../fixtures/seeded-random.mjs";
import { concurrency } from "./concurrency.mjs";
import { crashTrials } from "./crash-trials.mjs";
import { diskFull } from "./disk-full.mjs";
import { fuzzFiles } from "./fuzz-files.mjs";
import { backends, cliBin } from "./support.mjs";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    trials: { type: "string", default: "3" },
    "fuzz-files": { type: "string", default: "300" },
    only: { type: "string", default: "crash,fuzz,disk,concurrency" },
  },
});
if (!existsSync(cliBin)) {
  console.error("reliability: build first (npx -y pnpm@10 build)");
  process.exit(2);
}
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const only = new Set(values.only.split(","));
const random = mulberry32(seed);
const selected = backends();
console.log(`reliability: seed ${seed} (replay with --seed ${seed}); backends ${selected.join(", ")}`);

const failures = [];
const started = Date.now();
const report = ({ name, problems }) => {
  console.log(`${problems.length === 0 ? "pass" : "FAIL"}  ${name}`);
  for (const problem of problems) console.log(`      ${problem}`);
  if (problems.length > 0) failures.push(name);
};
const skip = (message) => console.log(`skip  ${message}`);
const context = { backends: selected, random, report, skip };

if (only.has("crash")) await crashTrials({ ...context, trials: Number(values.trials) });
if (only.has("fuzz")) await fuzzFiles({ ...context, count: Number(values["fuzz-files"]) });
if (only.has("disk")) await diskFull(context);
if (only.has("concurrency")) await concurrency(context);

const seconds = Math.round((Date.now() - started) / 1000);
if (failures.length > 0) {
  console.log(`reliability: ${failures.length} case(s) failed in ${seconds} s; replay with --seed ${seed}`);
  process.exit(1);
}
console.log(`reliability: every case passed in ${seconds} s (seed ${seed})`);
