// Several processes on the same weeks: no week written twice, only clear lock errors, and a
// short SQLite busy timeout reported as contention (exit 1), never as an internal error.
import {
  fixtures,
  rawErrorPattern,
  rows,
  runSpine,
  scratchDatabase,
  unsettledExecutions,
  withDatabase,
} from "./support.mjs";

const backfill = [
  "run",
  "otc.backfill_range",
  "-p",
  "tier=OTC",
  "-p",
  "start_week=2025-10-03",
  "-p",
  "end_week=2025-10-17",
  "-p",
  `source_dir=${fixtures}`,
];
const contention = /LOCK_TIMEOUT|locked by execution|is busy: another process held its write lock/;

async function duplicates(database) {
  return withDatabase(database, async (handle) =>
    (
      await rows(
        handle,
        "select partition_key, stage, variant, count(*) as n from core_captures group by partition_key, stage, variant having count(*) > 1",
      )
    ).map((row) => `written twice: ${row.partition_key} ${row.stage} (${row.n} captures)`),
  );
}

async function concurrentCase(backend, processes, env) {
  const database = await scratchDatabase(backend, "concurrency");
  try {
    await runSpine(database, ["db", "init"]);
    const outcomes = await Promise.all(
      Array.from({ length: processes }, () => runSpine(database, backfill, env)),
    );
    const problems = [];
    for (const outcome of outcomes) {
      const text = `${outcome.stdout}${outcome.stderr}`;
      if (outcome.code !== 0 && outcome.code !== 1)
        problems.push(`exit ${outcome.code}: ${outcome.stderr.trim().slice(0, 300)}`);
      if (outcome.code === 1 && !contention.test(text))
        problems.push(`failed without a lock error: ${outcome.stderr.trim().slice(0, 300)}`);
      if (rawErrorPattern.test(text)) problems.push(`raw error: ${outcome.stderr.trim().slice(0, 300)}`);
    }
    const rerun = await runSpine(database, backfill);
    if (rerun.code !== 0)
      problems.push(`the rerun after them exited ${rerun.code}: ${rerun.stderr.trim().slice(0, 300)}`);
    problems.push(...(await duplicates(database)));
    problems.push(...(await unsettledExecutions(database)).map((entry) => `left unsettled: ${entry}`));
    return problems;
  } finally {
    await database.drop();
  }
}

/** Two and four concurrent backfills per backend, plus four with a 100 ms busy timeout on SQLite. */
export async function concurrency({ backends, report }) {
  for (const backend of backends) {
    for (const processes of [2, 4]) {
      const env = { SPINE_LOCK_TIMEOUT_MS: "2000" };
      report({
        name: `concurrency ${backend}: ${processes} backfills of the same weeks`,
        problems: await concurrentCase(backend, processes, env),
      });
    }
  }
  const busy = { SPINE_BUSY_TIMEOUT_MS: "100", SPINE_LOCK_TIMEOUT_MS: "2000" };
  report({
    name: "concurrency sqlite: 4 backfills with SPINE_BUSY_TIMEOUT_MS=100",
    problems: await concurrentCase("sqlite", 4, busy),
  });
}
