import type { Settings } from "@spine/platform";
import { loadSettings } from "@spine/platform";
import { selectDatabase } from "./conventions/database-selection.js";
import { assertFlagValues } from "./conventions/flag-values.js";

/** The options every command inherits from `spine`. */
export interface GlobalOptions {
  readonly db?: string;
  readonly logLevel?: string;
  readonly logFile?: string;
  /** A named target of spine.config.json. */
  readonly target?: string;
}

const databaseVariables = new Set(["SPINE_DATABASE_PATH", "SPINE_DATABASE_URL"]);

function isServerUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Settings from flags over `SPINE_*` variables. An explicit `--db` (or `--target`, or a config's
 * default target when no variable is set) replaces both database variables: otherwise a
 * SPINE_DATABASE_URL in the environment would silently win over a path flag.
 */
export function settingsFromOptions(
  options: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): Settings {
  assertFlagValues(options);
  const location = selectDatabase(options, env, cwd).location;
  const environment =
    location === undefined
      ? env
      : Object.fromEntries(Object.entries(env).filter(([name]) => !databaseVariables.has(name)));
  const serverUrl = location !== undefined && isServerUrl(location);
  return loadSettings(
    {
      databasePath: serverUrl ? undefined : location,
      databaseUrl: serverUrl ? location : undefined,
      logLevel: options.logLevel,
      logFile: options.logFile,
    },
    environment,
  );
}
