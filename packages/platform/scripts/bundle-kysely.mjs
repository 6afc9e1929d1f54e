// Bundles kysely into dist/vendor/kysely.js, which the built platform imports through "#kysely"
// (package.json "imports"). Kysely ships ~260 ES modules; loading them one by one costs every
// `spine` command ~130 ms of start-up, loading one file ~20 ms. Types still come from kysely's
// own declarations, and tests (condition "@spine/source") run against kysely itself.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
// The ES module entry (kysely's "import" condition); its "exports" hide package.json, so the
// package folder is found from the entry, dist/esm/index.js.
const kyselyEntry = fileURLToPath(import.meta.resolve("kysely"));
const kyselyRoot = join(dirname(kyselyEntry), "..", "..");
const output = join(packageRoot, "dist", "vendor", "kysely.js");

mkdirSync(dirname(output), { recursive: true });
await build({
  entryPoints: [kyselyEntry],
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outfile: output,
  legalComments: "inline",
  banner: { js: "// kysely (MIT, see LICENSE.kysely in this folder), bundled by scripts/bundle-kysely.mjs" },
  logLevel: "warning",
});
copyFileSync(join(kyselyRoot, "LICENSE"), join(dirname(output), "LICENSE.kysely"));
