// kill -9 at a random moment of a backfill, rerun it, and compare every derived table with a
// clean run: nothing missing, nothing twice, nothing left `running`.
import {
  differences,
  fixtures,
  runSpine,
  scratchDatabase,
  snapshot,
  startSpine,
  unsettledExecutions,
  withDatabase,
} from "./support.mjs";

const backfill = ["run", "otc.backfill_range", "-p", "tier=OTC", "-p", `source_dir=${fixtures}`];

async function initialized(backend, label) {
  const database = await scratchDatabase(backend, label);
  const init = await runSpine(database, ["db", "init"]);
  if (init.code !== 0) throw new Error(`db init failed: ${init.stderr}`);
  return database;
}

async function cleanRun(backend) {
  const database = await initialized(backend, "clean");
  try {
    const started = Date.now();
    const run = await runSpine(database, backfill);
    if (run.code !== 0) throw new Error(`the clean backfill failed: ${run.stderr}`);
    const duration = Date.now() - started;
    return { duration, tables: await withDatabase(database, snapshot) };
  } finally {
    await database.drop();
  }
}

async function trial(backend, clean, random, index) {
  const database = await initialized(backend, "crash");
  try {
    // Start-up alone takes a few hundred ms: kill anywhere from then to the clean run's end.
    const delay = Math.round(150 + random() * Math.max(100, clean.duration * 0.8 - 150));
    const run = startSpine(database, backfill);
    await new Promise((resolve) => setTimeout(resolve, delay));
    run.child.kill("SIGKILL");
    const killed = await run.done;
    const rerun = await runSpine(database, backfill);
    const problems = [];
    if (rerun.code !== 0)
      problems.push(`the rerun exited ${rerun.code}: ${rerun.stderr.trim().slice(0, 300)}`);
    problems.push(...differences(clean.tables, await withDatabase(database, snapshot)));
    problems.push(...(await unsettledExecutions(database)).map((entry) => `left unsettled: ${entry}`));
    const when =
      killed.signal === "SIGKILL" ? `killed at ${delay} ms` : `finished before the kill at ${delay} ms`;
    return { name: `crash ${backend} #${index + 1} (${when})`, problems };
  } finally {
    await database.drop();
  }
}

/** Runs `trials` kill -9 trials per backend. */
export async function crashTrials({ backends, trials, random, report }) {
  for (const backend of backends) {
    const clean = await cleanRun(backend);
    for (let index = 0; index < trials; index += 1) report(await trial(backend, clean, random, index));
  }
}
