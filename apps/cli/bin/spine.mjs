#!/usr/bin/env node
// Committed entry point: pnpm links bins at install time, before `dist/` is built, and skips
// targets that do not exist yet. This shim always exists and loads the build.
import { existsSync } from "node:fs";

const built = new URL("../dist/bin.js", import.meta.url);
if (!existsSync(built)) {
  process.stderr.write("error: the spine CLI is not built yet. Run `npx -y pnpm@10 build` first.\n");
  process.exitCode = 70;
} else {
  await import(built.href);
}
