#!/usr/bin/env node
import { domains } from "./domains.js";
import { runCli } from "./run-cli.js";

// Setting exitCode instead of calling process.exit lets stdout drain when it is a pipe.
process.exitCode = await runCli(process.argv.slice(2), {
  domains,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stderrIsTty: process.stderr.isTTY === true,
  ...(process.stdout.isTTY ? { stdoutColumns: process.stdout.columns } : {}),
});
