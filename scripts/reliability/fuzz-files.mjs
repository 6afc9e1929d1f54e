// Mutated real-format files through ingest and normalize: no crash, no hang, and every row read
// is accepted or rejected.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixtures, platform, rawErrorPattern, scratchDatabase } from "./support.mjs";

const { otcDomain } = await import(new URL("../../packages/domain-otc/dist/index.js", import.meta.url).href);

const perFileTimeoutMs = 30_000;
const partition = { tier: "OTC", week_ending: "2025-08-29" };

function pick(random, items) {
  return items[Math.floor(random() * items.length)];
}

const garbage = [
  "|",
  "||",
  "\u0000",
  "\uFEFF",
  "\r",
  '"',
  "'",
  "-",
  "1e309",
  "999999999999999999999",
  "NaN",
  "é",
  "\t",
];

// One mutation of a line list: each is something a damaged or hand-edited download could hold.
const mutations = [
  (lines, random) => lines.splice(1 + Math.floor(random() * (lines.length - 1)), 1),
  (lines, random) => {
    const index = Math.floor(random() * lines.length);
    const line = lines[index];
    const at = Math.floor(random() * (line.length + 1));
    lines[index] = line.slice(0, at) + pick(random, garbage) + line.slice(at);
  },
  (lines, random) => {
    const index = Math.floor(random() * lines.length);
    lines[index] = lines[index].slice(0, Math.floor(random() * lines[index].length));
  },
  (lines, random) => {
    const index = 1 + Math.floor(random() * (lines.length - 1));
    const fields = lines[index].split("|");
    fields[Math.floor(random() * fields.length)] = pick(
      random,
      garbage.concat(["", " ", "-5", "12.5", "0x10"]),
    );
    lines[index] = fields.join("|");
  },
  (lines, random) => lines.push(lines[1 + Math.floor(random() * (lines.length - 1))]),
  (lines, random) => {
    const index = Math.floor(random() * lines.length);
    lines[index] = lines[index].split("|").reverse().join("|");
  },
  (lines) => lines.splice(1, lines.length),
  (lines, random) => lines.splice(Math.floor(random() * lines.length), 0, ""),
];

function mutate(base, random) {
  const lines = [...base];
  const count = 1 + Math.floor(random() * 4);
  // Every mutation needs a header and one data line to work on.
  for (let step = 0; step < count && lines.length > 1; step += 1) pick(random, mutations)(lines, random);
  const ending = random() < 0.2 ? "\r\n" : "\n";
  return lines.join(ending) + (random() < 0.5 ? ending : "");
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`hang: ${what} took over ${perFileTimeoutMs} ms`)),
      perFileTimeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function checkExecution(execution, what) {
  const problems = [];
  if (execution.status === "failed" && rawErrorPattern.test(execution.error ?? ""))
    problems.push(`${what} failed with a raw error: ${execution.error}`);
  if (execution.status === "completed" && what.startsWith("normalize")) {
    const { rows_read: read, rows_accepted: accepted, rows_rejected: rejected } = execution.metrics;
    if (read !== accepted + rejected)
      problems.push(`${what}: rows read ${read} != ${accepted} accepted + ${rejected} rejected`);
  }
  return problems;
}

async function fuzzOne(spine, path, content, index) {
  writeFileSync(path, content);
  const name = `fuzz file #${index + 1}`;
  const problems = [];
  try {
    const ingest = await withTimeout(
      spine.dispatcher.submit("otc.ingest_week", { file_path: path, ...partition }),
      name,
    );
    problems.push(...checkExecution(ingest, `ingest of ${name}`));
    if (ingest.status === "completed") {
      const normalize = await withTimeout(spine.dispatcher.submit("otc.normalize_week", partition), name);
      problems.push(...checkExecution(normalize, `normalize of ${name}`));
    }
  } catch (error) {
    const clear = platform.isSpineError(error) && !rawErrorPattern.test(error.message);
    if (!clear) problems.push(`${name} crashed: ${error instanceof Error ? error.stack : String(error)}`);
  }
  return problems;
}

/** Runs `count` mutated copies of a real-format week through ingest and normalize (SQLite). */
export async function fuzzFiles({ count, random, report }) {
  const base = readFileSync(join(fixtures, "otc_week_2025-08-29.csv"), "utf8").split("\n").slice(0, 120);
  const database = await scratchDatabase("sqlite", "fuzz");
  const spine = await platform.createSpine({
    settings: platform.loadSettings(database.settings, {}),
    domains: [otcDomain],
    logger: platform.createSilentLogger(),
  });
  try {
    await spine.migrate();
    const problems = [];
    const path = join(database.directory, "fuzzed.csv");
    for (let index = 0; index < count; index += 1) {
      problems.push(...(await fuzzOne(spine, path, mutate(base, random), index)));
      rmSync(path, { force: true });
    }
    report({ name: `fuzz: ${count} mutated files through ingest and normalize`, problems });
  } finally {
    await spine.close();
    await database.drop();
  }
}
