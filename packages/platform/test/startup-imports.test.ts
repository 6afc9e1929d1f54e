import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every CLI command loads the platform; the PostgreSQL driver costs ~70 ms to load, so only a
// PostgreSQL connection may load it (`spine list` must answer in under half a second).
const builtIndex = fileURLToPath(new URL("../dist/index.js", import.meta.url));

describe("integration", () => {
  it("loads the built platform without loading the PostgreSQL driver", () => {
    const script = `await import(${JSON.stringify(builtIndex)});
const { createRequire } = await import("node:module");
const loaded = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify({ pg: loaded.filter((path) => /[\\\\/]node_modules[\\\\/]pg[\\\\/]/.test(path)).length, modules: loaded.length }));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.stderr).toBe("");
    const loaded = JSON.parse(child.stdout) as { pg: number; modules: number };
    // The platform's other CommonJS dependencies are in the cache, so an empty cache is not a pass.
    expect(loaded.modules).toBeGreaterThan(10);
    expect(loaded.pg).toBe(0);
  });
});
