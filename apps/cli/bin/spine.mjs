#!/usr/bin/env node
// Committed entry point: pnpm links bins at install time, before `dist/` is built, and skips
// targets that do not exist yet. This shim always exists and loads the build.
import { existsSync, readFileSync } from "node:fs";

const built = new URL("../dist/bin.js", import.meta.url);
const [first, ...rest] = process.argv.slice(2);
if (rest.length === 0 && (first === "--version" || first === "-V")) {
  // Answered here, without loading the bundle: `spine --version` is what scripts call to probe for spine.
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${version}\n`);
} else if (!existsSync(built)) {
  process.stderr.write("error: the spine CLI is not built yet. Run `npx -y pnpm@10 build` first.\n");
  process.exitCode = 70;
} else {
  await import(built.href);
}
