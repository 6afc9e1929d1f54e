// Bundles the spine command (src/bin.ts, with the platform, the domains, kysely, zod and commander)
// into dist/bin.js, which bin/spine.mjs loads. Node's ES module loader costs ~0.4 ms per file and
// the command imports ~900 of them unbundled (kysely alone ~260): one file keeps `spine list`
// well under half a second. Only the app is bundled; the libraries ship tsc's output.
// Kept external: better-sqlite3 (a native addon), pino (its transports load files by path), and
// pg / pg-copy-streams, which only a PostgreSQL connection imports: code splitting keeps the
// PostgreSQL backend, and with it pg, in a chunk of its own, loaded on first use.
// Usage, from apps/cli: node scripts/bundle-cli.mjs
import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const appRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(appRoot, "dist");
const chunks = join(outdir, "chunks");

rmSync(chunks, { recursive: true, force: true });
// `spine serve` serves the dashboard page from here (built by @spine/dashboard, uPlot included).
const dashboardAssets = join(appRoot, "dist", "dashboard-assets");
rmSync(dashboardAssets, { recursive: true, force: true });
cpSync(join(appRoot, "..", "dashboard", "dist", "assets"), dashboardAssets, { recursive: true });
await build({
  entryPoints: { bin: join(appRoot, "src", "bin.ts") },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir,
  chunkNames: "chunks/[name]-[hash]",
  external: ["better-sqlite3", "pino", "pg", "pg-copy-streams"],
  // Bundled CommonJS (commander) calls require() for Node's built-in modules.
  banner: {
    js: 'import { createRequire as __spineCreateRequire } from "node:module";\nconst require = __spineCreateRequire(import.meta.url);',
  },
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "linked",
  logLevel: "warning",
});
