// Child process of the week scenario: one FINRA file through ingest -> normalize -> aggregate
// (every calculation and quality check) in a fresh database. Prints one JSON line.
// Usage: node week-child.mjs --file F --backend sqlite|postgres --directory D --name N
import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { childArguments, openBenchSpine, report, runChild, timedSubmit } from "./child-support.mjs";

runChild(async () => {
  const args = childArguments();
  const { spine, loadMs, migrateMs } = await openBenchSpine(args);
  const timings = [];
  const started = performance.now();
  const ingest = await timedSubmit(spine, "otc.ingest_week", { file_path: args.file, tier: "OTC" }, timings);
  const partition = { tier: String(ingest.metrics.tier), week_ending: String(ingest.metrics.week_ending) };
  const normalize = await timedSubmit(spine, "otc.normalize_week", partition, timings);
  const aggregate = await timedSubmit(spine, "otc.aggregate_week", partition, timings);
  const pipelineMs = performance.now() - started;
  const description = await spine.database.describe();
  const serverVersion = description.serverVersion;
  await spine.close();
  const databaseBytes = args.backend === "sqlite" ? statSync(`${args.directory}/${args.name}.db`).size : null;
  report({
    loadMs,
    migrateMs,
    pipelineMs,
    timings,
    rowsRead: ingest.metrics.rows_read,
    rowsAccepted: normalize.metrics.rows_accepted,
    symbols: aggregate.metrics.symbols,
    databaseBytes,
    serverVersion,
  });
});
