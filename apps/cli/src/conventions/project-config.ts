import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { SpineError } from "@spine/platform";
import { z } from "zod";

/** The file `spine` looks for in the working directory and each folder above it. */
export const projectConfigFileName = "spine.config.json";

const configSchema = z
  .object({
    default: z.string().min(1).optional(),
    targets: z.record(z.string().min(1), z.object({ db: z.string().min(1) }).strict()),
  })
  .strict();

/** A project's named databases (`{ "default": "dev", "targets": { "dev": { "db": "./spine.db" } } }`). */
export interface ProjectConfig {
  readonly path: string;
  readonly defaultTarget: string | undefined;
  readonly targets: Readonly<Record<string, { readonly db: string }>>;
}

/** The nearest `spine.config.json` from `directory` upwards, or null. */
export function findProjectConfigFile(directory: string): string | null {
  let current = resolve(directory);
  for (;;) {
    const candidate = join(current, projectConfigFileName);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function invalid(path: string, problem: string): SpineError {
  return new SpineError("CONFIG", `Invalid ${path}: ${problem}`, { details: { path } });
}

/** Reads and checks a project config; a broken file is a CONFIG error naming it. */
export function readProjectConfig(path: string): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw invalid(path, error instanceof Error ? error.message : String(error));
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw invalid(path, issues.join("; "));
  }
  const { default: defaultTarget, targets } = parsed.data;
  if (defaultTarget !== undefined && !Object.hasOwn(targets, defaultTarget)) {
    throw invalid(
      path,
      `default target "${defaultTarget}" is not among the targets (${Object.keys(targets).join(", ")})`,
    );
  }
  return { path, defaultTarget, targets };
}

/** A target's database: a server URL as is, a file path resolved against the config's folder. */
export function targetLocation(config: ProjectConfig, target: string): string {
  const entry = config.targets[target];
  if (!entry) {
    const known = Object.keys(config.targets);
    throw new SpineError(
      "USAGE",
      `Unknown target "${target}" in ${config.path}: expected one of ${known.join(", ") || "(none)"}.`,
      { details: { target, targets: known, config: config.path } },
    );
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry.db) || isAbsolute(entry.db)) return entry.db;
  return resolve(dirname(config.path), entry.db);
}
