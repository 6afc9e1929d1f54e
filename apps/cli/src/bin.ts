#!/usr/bin/env node
import { domains } from "./domains.js";
import { runCli } from "./run-cli.js";

// A reader that stops early (`spine list --json | head`) closes the pipe: that ends the output,
// as it ends any Unix tool's, rather than crashing on EPIPE. Work already committed stays; work
// in flight rolls back with the process, as on any kill.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
});

// Setting exitCode instead of calling process.exit lets stdout drain when it is a pipe.
process.exitCode = await runCli(process.argv.slice(2), {
  domains,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stderrIsTty: process.stderr.isTTY === true,
  ...(process.stdout.isTTY ? { stdoutColumns: process.stdout.columns } : {}),
});
