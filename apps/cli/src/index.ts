/** @spine/cli: the `spine` command, runnable in-process for tests and tooling. */

export type { CliContext } from "./cli-context.js";
export { createCliContext } from "./cli-context.js";
export type { CliIo } from "./cli-io.js";
export { createProgram } from "./create-program.js";
export { domains } from "./domains.js";
export { describeError, exitCodeFor, exitCodes } from "./error-boundary.js";
export { runCli } from "./run-cli.js";
