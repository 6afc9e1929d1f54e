import { resolve } from "node:path";
import { SpineError } from "@spine/platform";
import { findProjectConfigFile, readProjectConfig, targetLocation } from "./project-config.js";

/** Where the database setting came from, in precedence order. */
export type DatabaseSource = "flag" | "target" | "environment" | "config" | "default";

/** Which database a command uses, and why. */
export interface DatabaseSelection {
  /** The location to use over the environment; undefined leaves it to SPINE_* or ./spine.db. */
  readonly location: string | undefined;
  readonly source: DatabaseSource;
  readonly target: string | null;
  readonly configFile: string | null;
}

const databaseVariables = ["SPINE_DATABASE_URL", "SPINE_DATABASE_PATH"] as const;

function fromTarget(
  target: string | undefined,
  cwd: string,
  source: DatabaseSource,
): DatabaseSelection | null {
  const configFile = findProjectConfigFile(cwd);
  if (!configFile) {
    if (target === undefined) return null;
    throw new SpineError(
      "USAGE",
      `--target ${target} needs a spine.config.json in ${cwd} or a folder above it.`,
      {
        details: { target },
      },
    );
  }
  const config = readProjectConfig(configFile);
  const name = target ?? config.defaultTarget;
  if (name === undefined) return null;
  return { location: targetLocation(config, name), source, target: name, configFile };
}

/**
 * Chooses the database: `--db`, else `--target` (a named target of spine.config.json), else
 * SPINE_DATABASE_URL / SPINE_DATABASE_PATH, else the config's default target, else ./spine.db.
 * Relative paths resolve against the working directory (a config's against the config's folder).
 */
export function selectDatabase(
  options: { readonly db?: string; readonly target?: string },
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): DatabaseSelection {
  if (options.db !== undefined && options.target !== undefined) {
    throw new SpineError("USAGE", "--db and --target both choose the database; give one.");
  }
  if (options.db !== undefined)
    return { location: options.db, source: "flag", target: null, configFile: null };
  if (options.target !== undefined) return fromTarget(options.target, cwd, "target") as DatabaseSelection;
  if (databaseVariables.some((name) => env[name])) {
    return { location: undefined, source: "environment", target: null, configFile: null };
  }
  return (
    fromTarget(undefined, cwd, "config") ?? {
      location: undefined,
      source: "default",
      target: null,
      configFile: null,
    }
  );
}

/** A few words on why this database: for `db status` and `doctor`. */
export function describeSelection(
  selection: DatabaseSelection,
  env: Readonly<Record<string, string | undefined>>,
): string {
  switch (selection.source) {
    case "flag":
      return "from --db";
    case "target":
    case "config":
      return `target "${selection.target}" of ${selection.configFile}${selection.source === "config" ? " (its default)" : ""}`;
    case "environment":
      return `from ${databaseVariables.find((name) => env[name])}`;
    default:
      return `the default ${resolve("spine.db")}`;
  }
}
