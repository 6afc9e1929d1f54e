// The machine a bench ran on: cores, memory, CPU model, OS, Node and SQLite versions.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";

function commandOutput(command, args) {
  const run = spawnSync(command, args, { encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim() : null;
}

function cpuModel() {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match) return match[1].trim();
  } catch {
    // not Linux: fall back to what Node sees
  }
  return cpus()[0]?.model ?? "unknown";
}

function memoryTotal() {
  const free = commandOutput("free", ["-g"]);
  const line = free?.split("\n").find((candidate) => candidate.startsWith("Mem:"));
  if (line) return `${line.split(/\s+/)[1]} GB (free -g)`;
  return `${Math.round(totalmem() / 2 ** 30)} GB`;
}

export function describeMachine() {
  return {
    cores: Number(commandOutput("nproc", []) ?? cpus().length),
    memory: memoryTotal(),
    cpu: cpuModel(),
    os: `${type()} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadAverage(),
  };
}

/** 1-minute load average: other work on a shared machine inflates every number of a run. */
export function loadAverage() {
  return Number(loadavg()[0].toFixed(2));
}
