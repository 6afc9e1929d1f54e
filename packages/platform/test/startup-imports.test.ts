import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every CLI command loads the platform; the PostgreSQL driver costs ~70 ms to load, so only a
// PostgreSQL connection may load it (`spine list` must answer in under half a second).
const builtIndex = fileURLToPath(new URL("../dist/bundle/index.js", import.meta.url));

describe("integration", () => {
  it("loads the platform without loading the PostgreSQL driver", () => {
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

  it("loads kysely as the one bundled file, not its ~260 modules", () => {
    // A resolve hook (on the loader's own thread) appends every URL it resolves to a file.
    const directory = mkdtempSync(join(tmpdir(), "spine-imports-"));
    const log = join(directory, "resolved.txt");
    const hook = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + "\\n");
  return result;
}`;
    const script = `import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hook)}));
await import(${JSON.stringify(builtIndex)});`;
    try {
      const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
      expect(child.stderr).toBe("");
      // One line per import statement: several modules import "#kysely".
      const resolved = [...new Set(readFileSync(log, "utf8").split("\n"))];
      expect(resolved.filter((url) => url.endsWith("/dist/vendor/kysely.js"))).toHaveLength(1);
      expect(resolved.filter((url) => /[\\/]node_modules[\\/]kysely[\\/]/.test(url))).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
