// Copies the page's files (src/assets) and uPlot's browser build into dist/assets, so a built
// dashboard, and a bundle that copies dist/assets, serves everything from one folder offline.
// Usage, from apps/dashboard: node scripts/copy-assets.mjs
import { copyFileSync, cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const appRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(appRoot, "dist", "assets");
cpSync(join(appRoot, "src", "assets"), target, { recursive: true });
mkdirSync(join(target, "vendor"), { recursive: true });
const require = createRequire(join(appRoot, "package.json"));
copyFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), join(target, "vendor", "uplot.js"));
copyFileSync(require.resolve("uplot/dist/uPlot.min.css"), join(target, "vendor", "uplot.css"));
