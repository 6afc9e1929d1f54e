// Summarises a V8 .cpuprofile (node --cpu-prof) into self time per function and per source area,
// so a miss can be traced to parse, hashing, bulk insert, SQL, query builder or GC.
// Usage as a script: node scripts/bench/profile-summary.mjs file.cpuprofile [top]
import { readFileSync } from "node:fs";
import { basename } from "node:path";

function areaOf(url, functionName) {
  if (!url) return functionName.startsWith("(") ? functionName : "native (sqlite/bindings/builtins)";
  if (url.includes("/packages/platform/")) return "platform";
  if (url.includes("/packages/domain-otc/")) return "domain-otc";
  const module = /node_modules\/(?:\.pnpm\/)?(@?[^/@]+)/.exec(url);
  if (module) return module[1];
  if (url.startsWith("node:")) return "node core";
  return basename(url);
}

const frameName = (callFrame) => {
  const name = callFrame.functionName || "(anonymous)";
  return callFrame.url ? `${name} ${basename(callFrame.url)}:${callFrame.lineNumber + 1}` : name;
};

// The nearest pipeline frame above a sample (domain-otc/dist/pipelines), which tells which step
// of which stage paid for the time, whatever library or native code it was spent in.
function pipelineFrameOf(id, nodes, parents) {
  for (let current = id; current !== undefined; current = parents.get(current)) {
    const { callFrame } = nodes.get(current);
    if (callFrame.url.includes("/domain-otc/dist/pipelines/")) return frameName(callFrame);
  }
  return "(outside pipeline code)";
}

/** Self time (ms) per function, per area and per calling pipeline function, largest first. */
export function summarizeProfile(path, top = 25) {
  const profile = JSON.parse(readFileSync(path, "utf8"));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const selfMicros = new Map();
  profile.samples.forEach((id, index) => {
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const byFunction = new Map();
  const byArea = new Map();
  const byPipelineFrame = new Map();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const { callFrame } = nodes.get(id);
    const key = frameName(callFrame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const area = areaOf(callFrame.url, callFrame.functionName);
    const caller = `${pipelineFrameOf(id, nodes, parents)}  [${area}]`;
    byPipelineFrame.set(caller, (byPipelineFrame.get(caller) ?? 0) + micros);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
    total += micros;
  }
  const sorted = (map) =>
    [...map]
      .sort((left, right) => right[1] - left[1])
      .map(([name, micros]) => ({ name, ms: micros / 1000, percent: (100 * micros) / total }));
  return {
    totalMs: total / 1000,
    functions: sorted(byFunction).slice(0, top),
    areas: sorted(byArea),
    pipelineFrames: sorted(byPipelineFrame).slice(0, top),
  };
}

export function formatProfile(summary) {
  const line = (entry) =>
    `  ${entry.ms.toFixed(0).padStart(8)} ms ${entry.percent.toFixed(1).padStart(5)}%  ${entry.name}`;
  return [
    `sampled ${summary.totalMs.toFixed(0)} ms; self time by area:`,
    ...summary.areas.map(line),
    "top functions by self time:",
    ...summary.functions.map(line),
    "self time by nearest pipeline function [area it was spent in]:",
    ...summary.pipelineFrames.map(line),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, top] = process.argv.slice(2);
  if (!path) throw new Error("usage: node scripts/bench/profile-summary.mjs file.cpuprofile [top]");
  console.log(formatProfile(summarizeProfile(path, Number(top ?? 25))));
}
