// A full disk inside a stage, on a small tmpfs (root only): the message names the database, the
// exit code is 1, the stage rolled back and the database is intact.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rows, runSpine, withDatabase } from "./support.mjs";

const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

function writeLargeWeek(path, count) {
  const lines = [header];
  for (let index = 0; index < count; index += 1)
    lines.push(
      `OTC|S${index}|Issue number ${index} Common Stock|Venue ${index % 40}|MM${index % 40}|${1000 + index}|${index % 97}|2025-12-15`,
    );
  writeFileSync(path, `${lines.join("\n")}\n`);
}

async function check(database, outcome, path) {
  const problems = [];
  if (outcome.code !== 1) problems.push(`exit ${outcome.code}, expected 1: ${outcome.stderr.trim()}`);
  if (!outcome.stderr.includes(`database or disk is full at ${path}`))
    problems.push(
      `the message does not name the full disk at ${path}: ${outcome.stderr.trim().slice(0, 300)}`,
    );
  if (outcome.stderr.includes("cannot rollback")) problems.push("the rollback error hides the real one");
  await withDatabase(database, async (handle) => {
    const integrity = await rows(handle, "pragma integrity_check");
    if (integrity[0]?.integrity_check !== "ok")
      problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
    const raw = await rows(handle, "select count(*) as n from otc_raw_rows");
    if (Number(raw[0]?.n) !== 0) problems.push(`the failed stage left ${raw[0]?.n} raw rows`);
    const stored = await rows(handle, "select count(*) as n from core_stored_sources");
    if (Number(stored[0]?.n) !== 0) problems.push(`the failed stage left ${stored[0]?.n} stored sources`);
    const locks = await rows(handle, "select count(*) as n from core_locks");
    if (Number(locks[0]?.n) !== 0) problems.push("a lock row was left behind");
  });
  return problems;
}

/** Runs the disk-full case when this process may mount a tmpfs; says why it skips otherwise. */
export async function diskFull({ report, skip }) {
  if (process.getuid?.() !== 0) return skip("disk full: needs root to mount a small tmpfs");
  const directory = mkdtempSync(join(tmpdir(), "spine-reliability-disk-"));
  const mountPoint = join(directory, "small");
  mkdirSync(mountPoint);
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=5m", "tmpfs", mountPoint]);
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    return skip(
      `disk full: cannot mount a tmpfs (${error instanceof Error ? error.message.split("\n")[0] : error})`,
    );
  }
  try {
    const path = join(mountPoint, "spine.db");
    const database = { directory, env: { SPINE_DATABASE_PATH: path }, settings: { databasePath: path } };
    const init = await runSpine(database, ["db", "init"]);
    if (init.code !== 0) return report({ name: "disk full", problems: [`db init failed: ${init.stderr}`] });
    const file = join(directory, "finra_otc_weekly_otc_20251215.csv");
    writeLargeWeek(file, 60_000);
    const outcome = await runSpine(database, ["run", "otc.ingest_week", "-p", `file_path=${file}`]);
    report({
      name: "disk full inside a stage (SQLite, 5 MB tmpfs)",
      problems: await check(database, outcome, path),
    });
  } finally {
    execFileSync("umount", [mountPoint]);
    rmSync(directory, { recursive: true, force: true });
  }
}
