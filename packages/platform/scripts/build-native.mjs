// Compiles native/spine-text.c into dist/native/spine-text.so (the text functions bulk loads use,
// see the README) against the SQLite headers better-sqlite3 was built from. Without a C compiler
// the platform still works, with slower bulk loads: this prints why and exits 0, unless
// SPINE_NATIVE_EXTENSION=on demands the extension.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(packageRoot, "native", "spine-text.c");
const output = join(
  packageRoot,
  "dist",
  "native",
  process.platform === "darwin" ? "spine-text.dylib" : "spine-text.so",
);
const required = process.env.SPINE_NATIVE_EXTENSION === "on";

function fail(message) {
  if (required) {
    console.error(`build-native: ${message} (SPINE_NATIVE_EXTENSION=on requires the extension)`);
    process.exitCode = 1;
  } else {
    console.error(`build-native: ${message}; bulk loads will use the slower JavaScript path.`);
  }
}

function build() {
  // A stale build must never outlive a failed or skipped one: the platform would load old code.
  rmSync(output, { force: true });
  if (process.env.SPINE_NATIVE_EXTENSION === "off")
    return console.error("build-native: skipped (SPINE_NATIVE_EXTENSION=off)");
  if (process.platform === "win32") return fail("not built on Windows");
  const require = createRequire(join(packageRoot, "package.json"));
  const headers = join(dirname(require.resolve("better-sqlite3/package.json")), "deps", "sqlite3");
  if (!existsSync(join(headers, "sqlite3ext.h"))) return fail(`no sqlite3ext.h in ${headers}`);
  const compiler = process.env.CC || "cc";
  mkdirSync(dirname(output), { recursive: true });
  const flags = process.platform === "darwin" ? ["-dynamiclib"] : ["-shared"];
  const result = spawnSync(
    compiler,
    [
      ...flags,
      "-O2",
      "-fPIC",
      "-Wall",
      "-Wextra",
      "-Wno-missing-field-initializers",
      "-I",
      headers,
      source,
      "-o",
      output,
    ],
    { encoding: "utf8" },
  );
  if (result.error) return fail(`cannot run ${compiler}: ${result.error.message}`);
  if (result.status !== 0) return fail(`${compiler} failed:\n${result.stderr}`);
  if (result.stderr.trim() !== "") console.error(result.stderr);
}

build();
