// Runs a command as a child process, timed by the parent, with its peak RSS read from GNU time
// (`/usr/bin/time -v`) when present. Children of ours also report process.resourceUsage().maxRSS.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const GNU_TIME = "/usr/bin/time";
export const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-v", "true"]).status === 0;

function maxRssOf(timeOutput) {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(timeOutput);
  return match ? Number(match[1]) : null;
}

/**
 * Runs `command args` with optional stdin file; resolves { wallMs, maxRssKb, stdout, stderr, code }.
 * wallMs is the parent's clock around the whole process (start-up included), the same for every scenario.
 */
export function runMeasured(command, args, { stdinFile, cwd, env } = {}) {
  const [file, fileArgs] = hasGnuTime ? [GNU_TIME, ["-v", command, ...args]] : [command, args];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(file, fileArgs, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (chunk) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      const errorText = Buffer.concat(stderr).toString("utf8");
      resolvePromise({
        wallMs,
        maxRssKb: hasGnuTime ? maxRssOf(errorText) : null,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: errorText,
        code,
      });
    });
    if (stdinFile) child.stdin.end(readFileSync(stdinFile));
    else child.stdin.end();
  });
}

/** The JSON a child printed on its last stdout line, or an error naming what it printed instead. */
export function childResult(run, label) {
  const lines = run.stdout.trim().split("\n");
  try {
    const parsed = JSON.parse(lines[lines.length - 1] ?? "");
    if (parsed.error) throw new Error(parsed.error);
    return parsed;
  } catch (error) {
    throw new Error(
      `${label} failed (exit ${run.code}): ${error instanceof Error ? error.message : error}\n${run.stderr.slice(-4000)}`,
    );
  }
}

export function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
