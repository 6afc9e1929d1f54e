import { openSync, writeSync } from "node:fs";
import pino from "pino";
import type { Settings } from "../settings/settings.js";
import type { Logger } from "./logger.js";
import { formatPrettyLine } from "./pretty-line.js";

/** Where and how log lines go; defaults come from {@link Settings}. */
export interface LoggerOptions {
  readonly level: Settings["logLevel"];
  readonly format?: Settings["logFormat"];
  readonly file?: string | undefined;
  /** Overrides the destination entirely (tests capture lines with it). */
  readonly write?: (line: string) => void;
}

function createDestination(options: LoggerOptions): { write(line: string): void } {
  if (options.write) return { write: options.write };
  // Synchronous writes so the last lines before a crash are never lost; stdout is never used.
  const descriptor = options.file ? openSync(options.file, "a") : 2;
  const pretty =
    options.format === "pretty" || (options.format !== "json" && !options.file && process.stderr.isTTY);
  return {
    write: (line: string) => {
      writeSync(descriptor, pretty ? formatPrettyLine(line) : line);
    },
  };
}

function wrap(instance: pino.Logger): Logger {
  return {
    debug: (message, fields) => instance.debug(fields ?? {}, message),
    info: (message, fields) => instance.info(fields ?? {}, message),
    warn: (message, fields) => instance.warn(fields ?? {}, message),
    error: (message, fields) => instance.error(fields ?? {}, message),
    child: (fields) => wrap(instance.child(fields)),
  };
}

/** Creates the platform logger: pino JSON lines on stderr (or a file), readable on a terminal. */
export function createLogger(options: LoggerOptions): Logger {
  const instance = pino({ level: options.level, base: null }, createDestination(options));
  return wrap(instance);
}

/** A logger that discards everything; for library callers that pass none. */
export function createSilentLogger(): Logger {
  const silent: Logger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: () => {},
    child: () => silent,
  };
  return silent;
}
