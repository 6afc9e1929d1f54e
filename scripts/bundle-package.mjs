#!/usr/bin/env node
// Bundles a package's compiled modules (dist/index.js and everything it imports from the package
// itself) into dist/bundle/, which the package's "exports" serve at run time. Node's ES module
// loader costs ~0.4 ms per file, and the platform and the domain are ~130 files: one file each
// takes ~60 ms off every command's start-up. Dependencies and "#" imports stay external, and a
// dynamic import of the package's own code stays a separate chunk, loaded only when called (the
// PostgreSQL backend). Types still come from tsc's dist/*.d.ts; tests run against src.
// Usage, from a package folder: node ../../scripts/bundle-package.mjs
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const packageRoot = process.cwd();
// esbuild is a devDependency of the repository root, where this script lives.
const { build } = createRequire(import.meta.url)("esbuild");
const outdir = join(packageRoot, "dist", "bundle");

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(packageRoot, "dist", "index.js")],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir,
  packages: "external",
  external: ["#*"],
  sourcemap: true,
  logLevel: "warning",
});

// A package's pure entry point (dist/pure.js: helpers without I/O) is bundled on its own, without
// shared chunks, so loading the main entry still reads one file.
const pureEntry = join(packageRoot, "dist", "pure.js");
if (existsSync(pureEntry)) {
  await build({
    entryPoints: [pureEntry],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: join(outdir, "pure.js"),
    packages: "external",
    external: ["#*"],
    sourcemap: true,
    logLevel: "warning",
  });
}
