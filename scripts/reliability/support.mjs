// Shared pieces of the reliability suite: the built CLI as a separate process, scratch databases
// on each backend, and table snapshots to compare a recovered database with a clean one.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const cliBin = fileURLToPath(new URL("../../apps/cli/dist/bin.js", import.meta.url));
export const fixtures = fileURLToPath(new URL("../../fixtures/finra-otc/generated/", import.meta.url));
export const platform = await import(new URL("../../packages/platform/dist/index.js", import.meta.url).href);

/** The backends to exercise: SQLite always, PostgreSQL when an admin URL is given. */
export function backends() {
  const adminUrl = process.env.SPINE_TEST_DATABASE_URL;
  return adminUrl ? ["sqlite", "postgres"] : ["sqlite"];
}

/** A fresh database on `backend`: the environment selecting it, and its removal. */
export async function scratchDatabase(backend, label) {
  const directory = mkdtempSync(join(tmpdir(), `spine-reliability-${label}-`));
  if (backend === "sqlite") {
    const path = join(directory, "spine.db");
    return {
      directory,
      env: { SPINE_DATABASE_PATH: path },
      settings: { databasePath: path },
      drop: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  const scratch = await platform.createScratchDatabase(process.env.SPINE_TEST_DATABASE_URL, "spine_rel");
  return {
    directory,
    env: { SPINE_DATABASE_URL: scratch.url },
    settings: { databaseUrl: scratch.url },
    drop: async () => {
      await scratch.drop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Starts `spine <argv>` against a database; `done` resolves with its exit code and output. */
export function startSpine(database, argv, extraEnv = {}) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("SPINE_")),
  );
  const child = spawn(process.execPath, [cliBin, ...argv], {
    cwd: database.directory,
    env: { ...inherited, SPINE_LOG_LEVEL: "error", ...database.env, ...extraEnv },
  });
  const stdout = [];
  const stderr = [];
  child.stdout.on("data", (chunk) => stdout.push(chunk));
  child.stderr.on("data", (chunk) => stderr.push(chunk));
  const done = new Promise((resolve) =>
    child.once("close", (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
      }),
    ),
  );
  return { child, done };
}

/** Runs `spine <argv>` to the end. */
export function runSpine(database, argv, extraEnv = {}) {
  return startSpine(database, argv, extraEnv).done;
}

/** Opens the database for reading, runs `work`, closes it. */
export async function withDatabase(database, work) {
  const handle = await platform.openDatabase(platform.loadSettings(database.settings, {}));
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

export async function rows(handle, text) {
  const result = await platform.sql.raw(text).execute(handle.db);
  return result.rows;
}

// Ids, run lineage and clocks differ between two correct runs; everything else must not.
const volatileColumn = /(^id$|execution_id|batch_id|capture_id|capture_number|_at$|^created|^updated)/;

function stable(row) {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([name]) => !volatileColumn.test(name))
      .map(([name, value]) => [name, typeof value === "bigint" ? String(value) : value]),
  );
}

/**
 * Every derived table's newest rows (the domain's `_latest` views), ids and clocks left out,
 * sorted: two databases holding the same data give equal snapshots.
 */
export async function snapshot(handle) {
  const viewQuery =
    handle.dialect === "sqlite"
      ? "select name from sqlite_master where type = 'view' and name like 'otc\\_%\\_latest' escape '\\' order by name"
      : "select table_name as name from information_schema.views where table_schema = current_schema() and table_name like 'otc\\_%\\_latest' order by table_name";
  const views = (await rows(handle, viewQuery)).map((row) => row.name);
  const tables = {};
  for (const view of views) {
    const content = (await rows(handle, `select * from ${view}`)).map((row) => JSON.stringify(stable(row)));
    tables[view] = content.sort();
  }
  tables.captures_per_stage = (
    await rows(
      handle,
      "select partition_key, stage, variant, count(*) as n from core_captures group by partition_key, stage, variant order by partition_key, stage, variant",
    )
  ).map((row) => `${row.partition_key} ${row.stage} ${row.variant} ${Number(row.n)}`);
  return tables;
}

/** The names of the tables whose snapshots differ, with a sample of the difference. */
export function differences(expected, actual) {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const found = [];
  for (const name of names) {
    const left = expected[name] ?? [];
    const right = actual[name] ?? [];
    if (left.length === right.length && left.every((row, index) => row === right[index])) continue;
    const missing = left.filter((row) => !right.includes(row)).slice(0, 2);
    found.push(
      `${name}: ${left.length} rows expected, ${right.length} found; e.g. missing ${missing.join(" | ")}`,
    );
  }
  return found;
}

/** Executions still pending or running once `spine executions list` has settled dead ones. */
export async function unsettledExecutions(database) {
  const listed = await runSpine(database, ["executions", "list", "--all", "--limit", "100000", "--json"]);
  if (listed.code !== 0) return [`executions list exited ${listed.code}: ${listed.stderr.trim()}`];
  const { executions } = JSON.parse(listed.stdout);
  return executions
    .filter((execution) => execution.status === "running" || execution.status === "pending")
    .map((execution) => `${execution.id} ${execution.pipeline} ${execution.status}`);
}

/** Messages that betray a bug rather than a clear report. */
export const rawErrorPattern =
  /TypeError|RangeError|ReferenceError|SyntaxError|is not a function|Cannot read properties|integer overflow|Invalid time value|cannot rollback/;
