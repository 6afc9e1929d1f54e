// Bundles the bench's child scripts the way apps/cli/scripts/bundle-cli.mjs bundles `spine`, so a
// child loads the platform and the domain as a `spine` user's process does: one file instead of
// ~900 ES modules, whose resolution alone costs ~0.4 s per process on this machine. Only the bench
// harness is bundled here, into .bench/children/ (gitignored); the libraries still ship tsc's output.
// `--unbundled` runs the children from scripts/bench/ as they are, to measure library start-up.
import { createRequire } from "node:module";
import { join } from "node:path";
import { benchDirectory, repoRoot } from "./paths.mjs";

export const childrenDirectory = join(benchDirectory, "children");

// Kept out of the bundle as the CLI keeps them (a native addon, pino's transports, the PostgreSQL
// driver), but imported by absolute path: .bench/children/ has no node_modules of its own to find
// them in, and pnpm gives the repository root none of the platform's dependencies.
const platformRequire = createRequire(join(repoRoot, "packages", "platform", "package.json"));
const externalPackages = new Set(["better-sqlite3", "pino", "pg", "pg-copy-streams"]);
const externalFromPlatform = {
  name: "external-from-platform",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      externalPackages.has(args.path)
        ? { path: platformRequire.resolve(args.path), external: true }
        : undefined,
    );
  },
};

/** Bundles week-child.mjs and series-child.mjs into {@link childrenDirectory}. */
export async function bundleChildren(scripts) {
  // esbuild is the CLI app's build dependency; the bench borrows it rather than pinning a second copy.
  const require = createRequire(join(repoRoot, "apps", "cli", "package.json"));
  const { build } = require("esbuild");
  await build({
    entryPoints: scripts.map((script) => join(repoRoot, "scripts", "bench", script)),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outdir: childrenDirectory,
    outExtension: { ".js": ".mjs" },
    plugins: [externalFromPlatform],
    banner: {
      js: 'import { createRequire as __benchCreateRequire } from "node:module";\nconst require = __benchCreateRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
}
