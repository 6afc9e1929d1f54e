// Where the bench finds the built packages and keeps its scratch files.
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const benchDirectory = fileURLToPath(new URL("../../.bench/", import.meta.url));
export const dataDirectory = fileURLToPath(new URL("../../.bench/data/", import.meta.url));
export const runsDirectory = fileURLToPath(new URL("../../.bench/runs/", import.meta.url));
// What the packages' "exports" serve at run time (tsc's output): the domain imports
// @spine/platform through them, so the bench must load the same file.
export const platformEntry = new URL("../../packages/platform/dist/index.js", import.meta.url).href;
export const domainEntry = new URL("../../packages/domain-otc/dist/index.js", import.meta.url).href;
export const cliBin = fileURLToPath(new URL("../../apps/cli/dist/bin.js", import.meta.url));
export const generatorEntry = new URL("../fixtures/finra-week-generator.mjs", import.meta.url).href;
export const benchmarksFile = fileURLToPath(new URL("../../BENCHMARKS.md", import.meta.url));
