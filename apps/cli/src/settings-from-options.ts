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
  readonly logFormat?: string;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

/** Where the process's output goes, which decides what a person sees by default. */
export interface Terminal {
  readonly stderrIsTty: boolean;
}

const databaseVariables = new Set(["SPINE_DATABASE_PATH", "SPINE_DATABASE_URL"]);

function isServerUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

// -v and -q only choose a level when none was asked for by flag or SPINE_LOG_LEVEL; a person at a
// terminal sees warnings and errors by default (one line each), a pipe or log file gets info too.
function defaultLogLevel(
  options: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  terminal: Terminal,
): string | undefined {
  if (options.logLevel !== undefined) return options.logLevel;
  if (options.verbose) return "debug";
  if (options.quiet) return "error";
  if (env.SPINE_LOG_LEVEL) return undefined;
  const format = options.logFormat ?? env.SPINE_LOG_FORMAT ?? "auto";
  const human = format === "pretty" || (format === "auto" && terminal.stderrIsTty && !options.logFile);
  return human ? "warn" : undefined;
}

/**
 * Settings from flags over `SPINE_*` variables. An explicit `--db` (or `--target`, or a config's
 * default target when no variable is set) replaces both database variables: otherwise a
 * SPINE_DATABASE_URL in the environment would silently win over a path flag.
 */
export function settingsFromOptions(
  options: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  terminal: Terminal = { stderrIsTty: false },
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
      logLevel: defaultLogLevel(options, env, terminal),
      logFormat: options.logFormat,
      logFile: options.logFile,
    },
    environment,
  );
}
