import { readFileSync } from "node:fs";

/**
 * The CLI's version, from its package.json: one level above src/ (tests), dist/ and the bundled
 * dist/bin.js alike. bin/spine.mjs answers a bare `--version` itself, without loading the bundle.
 */
export function cliVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version?: unknown;
  };
  return typeof packageJson.version === "string" ? packageJson.version : "unknown";
}
