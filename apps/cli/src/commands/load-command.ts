import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { DomainDefinition, DomainLoad, Execution, Spine } from "@spine/platform";
import { SpineError, scanSourceDirectory } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { writeJson } from "../output/json-writer.js";
import { collectParam, parseParamPairs } from "../parse-param-pairs.js";
import { renderExecution, summarizeExecution } from "../render/render-execution.js";
import { validateOrThrow } from "../validate-or-throw.js";

interface LoadOptions {
  readonly domain?: string;
  readonly param: string[];
  readonly force?: boolean;
  readonly json?: boolean;
}

/** One path as one domain loads it. */
interface LoadTarget {
  readonly domain: string;
  readonly load: DomainLoad;
  readonly path: string;
  readonly files: number;
}

function loadingDomains(context: CliContext, name: string | undefined): DomainDefinition[] {
  const able = context.registry.domains.filter((domain) => domain.load !== undefined);
  if (name === undefined) return able;
  const chosen = able.filter((domain) => domain.name === name);
  if (chosen.length > 0) return chosen;
  throw new SpineError(
    "VALIDATION",
    `--domain expects a domain that loads files: ${able.map((domain) => domain.name).join(", ")} (got ${name})`,
  );
}

// A file two domains both read by content alone (a renamed download: ATS and OTC files share a
// layout) cannot be placed by guessing: the person names the domain.
function refuseSharedFiles(given: string, claims: ReadonlyMap<string, string[]>): void {
  for (const [file, domains] of claims) {
    if (domains.length < 2) continue;
    throw new SpineError(
      "VALIDATION",
      `${given}: ${file} can be read as ${domains.join(" or ")} data; pass --domain to say which.`,
      { details: { file, domains } },
    );
  }
}

async function scanPath(given: string, domains: readonly DomainDefinition[]) {
  const path = resolve(given);
  await stat(path).catch(() => {
    throw new SpineError("SOURCE", `${given}: no such file or folder.`, { details: { path } });
  });
  const targets: LoadTarget[] = [];
  const claims = new Map<string, string[]>();
  let ignored: string[] = [];
  for (const domain of domains) {
    const load = domain.load as DomainLoad;
    const scan = await scanSourceDirectory(path, load.sources);
    if (!scan.ok) throw new SpineError("SOURCE", `${given}: cannot read it (${scan.issues.join("; ")}).`);
    for (const file of scan.value.files)
      claims.set(file.fileName, [...(claims.get(file.fileName) ?? []), domain.name]);
    if (scan.value.files.length > 0)
      targets.push({ domain: domain.name, load, path, files: scan.value.files.length });
    else ignored = scan.value.ignored;
  }
  return { path, targets, claims, ignored };
}

// Every path must exist and hold at least one file some domain recognises: a typo or a folder
// of other files is an error before anything runs, not an empty success.
async function findTargets(
  paths: readonly string[],
  domains: readonly DomainDefinition[],
): Promise<LoadTarget[]> {
  const targets: LoadTarget[] = [];
  for (const given of paths) {
    const scanned = await scanPath(given, domains);
    refuseSharedFiles(given, scanned.claims);
    if (scanned.targets.length === 0) {
      const names = domains.map((domain) => domain.name).join(", ");
      const seen = scanned.ignored.length > 0 ? ` (found: ${scanned.ignored.slice(0, 5).join(", ")})` : "";
      throw new SpineError("SOURCE", `${given}: no file that ${names} can load${seen}.`, {
        details: { path: scanned.path, ignored: scanned.ignored },
      });
    }
    targets.push(...scanned.targets);
  }
  return targets;
}

async function submitLoad(
  context: CliContext,
  spine: Spine,
  target: LoadTarget,
  params: Record<string, unknown>,
  force: boolean,
): Promise<Execution> {
  const full = { ...params, [target.load.sourceParameter]: target.path };
  validateOrThrow(target.load.pipeline, context.registry.getPipeline(target.load.pipeline).params, full);
  return spine.dispatcher.submit(target.load.pipeline, full, { trigger: "cli", force });
}

// A later path can change what an earlier one's windows read (an older week loaded after a newer
// one): the earlier paths are then refreshed once more, their stale windows only.
async function refreshEarlierPaths(
  context: CliContext,
  spine: Spine,
  targets: readonly LoadTarget[],
  params: Record<string, unknown>,
): Promise<Execution[]> {
  const refreshed: Execution[] = [];
  for (const [index, target] of targets.entries()) {
    const later = targets.slice(index + 1).some((other) => other.domain === target.domain);
    if (later) refreshed.push(await submitLoad(context, spine, target, { ...params, only: "stale" }, false));
  }
  return refreshed;
}

function report(
  context: CliContext,
  targets: readonly LoadTarget[],
  runs: readonly Execution[],
  json: boolean,
) {
  const failed = runs.filter((run) => run.status === "failed");
  if (json) {
    const loads = runs.map((run, index) => ({
      domain: targets[index]?.domain ?? run.pipeline.split(".")[0],
      path: targets[index]?.path ?? null,
      execution: summarizeExecution(run),
    }));
    writeJson(context.io.stdout, { ok: failed.length === 0, loads });
  } else {
    for (const run of runs) context.io.stdout(`${renderExecution(run)}\n`);
  }
  for (const run of failed) {
    context.io.stderr(`error: ${run.pipeline} failed (execution ${run.id}): ${run.error ?? "no message"}\n`);
    context.markFailed(run.errorCode);
  }
}

async function loadPaths(context: CliContext, paths: readonly string[], options: LoadOptions): Promise<void> {
  const domains = loadingDomains(context, options.domain);
  const params = parseParamPairs(options.param);
  const targets = await findTargets(paths, domains);
  const { progress } = context;
  await context.withSpine({ requireExisting: true, onProgress: progress.update }, async (spine) => {
    await spine.assertReady();
    const runs: Execution[] = [];
    try {
      for (const target of targets)
        runs.push(await submitLoad(context, spine, target, params, options.force ?? false));
      runs.push(...(await refreshEarlierPaths(context, spine, targets, params)));
    } finally {
      progress.finish();
    }
    report(context, targets, runs, options.json ?? false);
  });
}

/** `spine load <files or folders...>`: every stage of every domain that recognises the files. */
export function registerLoadCommand(program: Command, context: CliContext): void {
  program
    .command("load")
    .description(
      "load FINRA files or folders through every stage (ingest to snapshot), for every domain that recognises them",
    )
    .argument("<paths...>", "files or folders of files")
    .option("--domain <name>", "only this domain (default: every domain that recognises the files)")
    .option(
      "-p, --param <key=value>",
      "a parameter of the domain's backfill (e.g. tier=OTC); repeat for several",
      collectParam,
      [],
    )
    .option("--force", "run every stage again, even for files already loaded")
    .option("--json", "print one JSON document")
    .action((paths: string[], options: LoadOptions) => loadPaths(context, paths, options));
}
