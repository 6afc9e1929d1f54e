import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type BetterSqlite3 from "better-sqlite3";
import { SpineError } from "../errors/spine-error.js";

/** The SPINE_NATIVE_VERSION of native/spine-text.c this code calls. */
const NATIVE_TEXT_VERSION = 1;

/** Whether to load the native text extension: `auto` when built, `on` or fail, `off` never. */
export type NativeExtensionMode = "auto" | "on" | "off";

/** What happened to the native text extension on one connection, for `spine doctor`. */
export type NativeTextStatus = "loaded" | "not built" | "off";

// Built by scripts/build-native.mjs into dist/native; this file sits two levels below the package
// root both as src/database/*.ts (tests) and as dist/database/*.js.
const extensionFile = process.platform === "darwin" ? "spine-text.dylib" : "spine-text.so";
const extensionPath = fileURLToPath(new URL(`../../dist/native/${extensionFile}`, import.meta.url));

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
