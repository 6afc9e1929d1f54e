// Shared by the bench's child processes: a fresh migrated Spine over the built packages, timed
// submissions, and the one JSON line a child reports to the parent on stdout.
import { performance } from "node:perf_hooks";
// Static imports, so bundle-children.mjs can bundle a child with the packages it runs. The paths
// are what the packages' "exports" serve at run time (tsc's output), as paths.mjs notes.
import { otcDomain } from "../../packages/domain-otc/dist/index.js";
import * as platform from "../../packages/platform/dist/index.js";
import { backendOf } from "./backends.mjs";

/** Parses `--name value` pairs into an object. */
export function childArguments(argv = process.argv.slice(2)) {
  const parsed = {};
  for (let index = 0; index < argv.length; index += 2)
    parsed[argv[index].replace(/^--/, "")] = argv[index + 1];
  return parsed;
}

/**
 * Opens a fresh, migrated Spine over the built packages; reports how long each part took. loadMs
 * is the time from process start to here: Node's own start-up plus loading the modules.
 */
export async function openBenchSpine({ backend, directory, name }) {
  const loadMs = performance.now();
  // No SPINE_* variable passes through: the bench chooses every setting itself.
  const settings = platform.loadSettings(backendOf(backend).settings(directory, name), {});
  const migrateStarted = performance.now();
  const spine = await platform.createSpine({
    settings,
    domains: [otcDomain],
    logger: platform.createSilentLogger(),
  });
  await spine.migrate();
  const migrateMs = performance.now() - migrateStarted;
  const pipelines = new Set(spine.registry.listPipelines().map((pipeline) => pipeline.name));
  return { spine, platform, pipelines, loadMs, migrateMs };
}

/** Submits one pipeline, timing it; throws when the execution does not complete. */
export async function timedSubmit(spine, pipeline, params, timings) {
  const started = performance.now();
  const execution = await spine.dispatcher.submit(pipeline, params);
  const ms = performance.now() - started;
  const memory = process.memoryUsage();
  timings.push({
    pipeline,
    ms,
    status: execution.status,
    rowCount: execution.metrics?.rowCount,
    // Peak RSS so far and the heap right after the stage: which stage set the peak, and whether it was JS heap.
    maxRssKbAfter: process.resourceUsage().maxRSS,
    heapUsedMbAfter: Math.round(memory.heapUsed / 2 ** 20),
    heapTotalMbAfter: Math.round(memory.heapTotal / 2 ** 20),
    externalMbAfter: Math.round(memory.external / 2 ** 20),
  });
  if (execution.status !== "completed") {
    throw new Error(`${pipeline} ${JSON.stringify(params)} ended ${execution.status}: ${execution.error}`);
  }
  return execution;
}

/** Writes the child's result as the last stdout line, with its own wall time and peak RSS (KB). */
export function report(result) {
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({ ...result, childWallMs: performance.now(), maxRssKb: usage.maxRSS })}\n`,
  );
}

/** Runs a child's main function, reporting a failure as JSON too so the parent can print it. */
export function runChild(main) {
  main().catch((error) => {
    report({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  });
}
