import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { SpineError } from "../errors/spine-error.js";

/** The SPINE_NATIVE_VERSION of native/spine-text.c this code calls. */
const NATIVE_TEXT_VERSION = 1;

/** Whether to load the native text extension: `auto` when built, `on` or fail, `off` never. */
export type NativeExtensionMode = "auto" | "on" | "off";

/** What happened to the native text extension on one connection, for `spine doctor`. */
export type NativeTextStatus = "loaded" | "not built" | "off";

// Built by scripts/build-native.mjs into the package's dist/native. The package root is found by
// its own name, as this code runs from src (tests), dist and dist/bundle alike.
const extensionFile = process.platform === "darwin" ? "spine-text.dylib" : "spine-text.so";
const packageRoot = dirname(createRequire(import.meta.url).resolve("@spine/platform/package.json"));
const extensionPath = join(packageRoot, "dist", "native", extensionFile);

/**
 * Loads native/spine-text.c's functions (`spine_delimited_lines`, `spine_delimited_runs`,
 * `spine_sha256_hex`) into a connection. `auto` loads it when built; `on` fails when it is not.
 */
export function loadNativeText(
  connection: BetterSqlite3.Database,
  mode: NativeExtensionMode,
): NativeTextStatus {
  if (mode === "off") return "off";
  if (!existsSync(extensionPath)) {
    if (mode === "auto") return "not built";
    throw new SpineError(
      "CONFIG",
      `SPINE_NATIVE_EXTENSION=on but ${extensionPath} does not exist: build it with \`pnpm build\` (it needs a C compiler) or set SPINE_NATIVE_EXTENSION=auto.`,
    );
  }
  try {
    // SQLite derives the entry point, sqlite3_spinetext_init, from the file name.
    connection.loadExtension(extensionPath);
  } catch (error) {
    throw new SpineError(
      "DATABASE",
      `Cannot load the native text extension ${extensionPath}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  const version = connection.prepare("select spine_native_version() as version").pluck().get();
  if (version !== NATIVE_TEXT_VERSION) {
    throw new SpineError(
      "CONFIG",
      `The native text extension ${extensionPath} is version ${String(version)}, this platform needs ${NATIVE_TEXT_VERSION}: rebuild it with \`pnpm build\`.`,
    );
  }
  return "loaded";
}
