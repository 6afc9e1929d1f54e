import { existsSync } from "node:fs";
import type { ProgressEvent, Registry, Settings, Spine, SpineErrorCode } from "@spine/platform";
import {
  createLogger,
  createRegistry,
  createSpine,
  resolveDatabaseTarget,
  SpineError,
} from "@spine/platform";
import type { CliIo } from "./cli-io.js";
import { exitCodeForErrorCode, exitCodes } from "./error-boundary.js";
import { createLogWriter } from "./output/log-writer.js";
import type { ProgressLine } from "./output/progress-line.js";
import { createProgressLine } from "./output/progress-line.js";
import type { GlobalOptions } from "./settings-from-options.js";
import { settingsFromOptions } from "./settings-from-options.js";

/** How a command wants the database opened. */
export interface OpenSpineOptions {
  /** Refuse a SQLite file that does not exist yet instead of silently creating an empty one. */
  readonly requireExisting: boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Overrides the settings derived from flags and environment (e.g. a scratch database). */
  readonly settings?: Settings;
}

/** What every command receives: the io, the registry, global options and the database opener. */
export interface CliContext {
  readonly io: CliIo;
  readonly registry: Registry;
  /** The one status line on stderr that progress updates and log lines share. */
  readonly progress: ProgressLine;
  /** True with -v/--verbose: stacks and every log field are shown. */
  verbose(): boolean;
  setGlobalOptions(options: GlobalOptions): void;
  settings(): Settings;
  /** Opens the platform, runs `work` and always closes the database. */
  withSpine<T>(options: OpenSpineOptions, work: (spine: Spine) => Promise<T>): Promise<T>;
  /**
   * Records that the command's work failed after it reported the failure itself: exit 1, or the
   * exit code of the error code the failure carries (NOT_FOUND and VALIDATION exit 2, INTERNAL 70).
   */
  markFailed(errorCode?: SpineErrorCode | null): void;
  exitCode(): number;
}

function assertDatabaseExists(settings: Settings): void {
  const target = resolveDatabaseTarget(settings);
  if (target.dialect !== "sqlite" || target.path === ":memory:" || existsSync(target.path)) return;
  throw new SpineError(
    "MIGRATION_PENDING",
    `No database at ${target.path}. Run \`spine db init\` to create it.`,
    {
      details: { path: target.path },
    },
  );
}

/** Colour on a terminal unless NO_COLOR is set to anything (https://no-color.org). */
export function colourEnabled(io: CliIo): boolean {
  return (io.stderrIsTty ?? false) && !io.env.NO_COLOR;
}

async function openSpine(
  io: CliIo,
  registry: Registry,
  settings: Settings,
  options: OpenSpineOptions,
  terminal: { readonly progress: ProgressLine; readonly verbose: boolean },
): Promise<Spine> {
  if (options.requireExisting) assertDatabaseExists(settings);
  const pretty =
    settings.logFormat === "pretty" || (settings.logFormat === "auto" && (io.stderrIsTty ?? false));
  const write = settings.logFile
    ? undefined
    : (io.logSink ??
      createLogWriter(terminal.progress, {
        format: pretty ? "pretty" : "json",
        verbose: terminal.verbose,
        colour: colourEnabled(io),
      }));
  const logger = createLogger({
    level: settings.logLevel,
    format: settings.logFormat,
    file: settings.logFile,
    ...(write ? { write } : {}),
  });
  return createSpine({
    settings,
    domains: registry.domains,
    logger,
    environment: io.env,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** Builds the context; the registry is built once here, without touching the database. */
export function createCliContext(io: CliIo): CliContext {
  const registry = createRegistry(io.domains);
  let globalOptions: GlobalOptions = {};
  const progress = createProgressLine(io.stderr, () => (io.stderrIsTty ?? false) && !globalOptions.quiet);
  let exitCode: number = exitCodes.success;
  const context: CliContext = {
    io,
    registry,
    progress,
    verbose: () => globalOptions.verbose === true,
    setGlobalOptions: (options) => {
      globalOptions = options;
    },
    settings: () => settingsFromOptions(globalOptions, io.env, { stderrIsTty: io.stderrIsTty ?? false }),
    async withSpine(options, work) {
      const spine = await openSpine(io, registry, options.settings ?? context.settings(), options, {
        progress,
        verbose: context.verbose(),
      });
      try {
        return await work(spine);
      } finally {
        await spine.close();
      }
    },
    markFailed: (errorCode) => {
      const code = errorCode ? exitCodeForErrorCode(errorCode) : exitCodes.failed;
      // Several failures in one command: the most severe code wins (70 over 2 over 1).
      exitCode = Math.max(exitCode, code);
    },
    exitCode: () => exitCode,
  };
  return context;
}
