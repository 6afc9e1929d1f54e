import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built `spine` is one bundle (scripts/bundle-cli.mjs): the platform, the domains, kysely and
// zod come from dist/bin.js and its chunks, not from ~900 modules loaded one by one, and the
// PostgreSQL driver only loads when a PostgreSQL database is opened.
const appRoot = resolve(fileURLToPath(import.meta.url), "../..");
const binary = join(appRoot, "dist", "bin.js");

// A resolve hook (on the loader's own thread) appends every ES module URL it resolves to a file;
// at exit the CommonJS cache (pg is CommonJS) is appended too.
function loadedBy(directory: string, ...argv: string[]) {
  const log = join(directory, "loaded.txt");
  const hook = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + "\\n");
  return result;
}`;
  const script = `import { register, createRequire } from "node:module";
import { appendFileSync } from "node:fs";
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hook)}));
process.on("exit", () => appendFileSync(${JSON.stringify(log)}, Object.keys(createRequire(import.meta.url).cache).join("\\n") + "\\n"));
process.argv.splice(1, 0, ${JSON.stringify(binary)});
await import(${JSON.stringify(binary)});`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script, ...argv], {
    cwd: directory,
    encoding: "utf8",
    env: { ...process.env, SPINE_DATABASE_PATH: join(directory, "spine.db"), SPINE_DATABASE_URL: "" },
  });
  const loaded = [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean))];
  rmSync(log);
  return { child, loaded };
}

const isPg = (entry: string) => /[\\/]node_modules[\\/](pg|pg-copy-streams)[\\/]/.test(entry);

describe("integration", () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "spine-bundle-"));
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it("answers `spine list` from the bundle, without the PostgreSQL driver", () => {
    const { child, loaded } = loadedBy(directory, "list");
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toContain("otc.ingest_week");
    expect(loaded.filter(isPg)).toEqual([]);
    // The app's own code, the platform and the domains are all inside the bundle.
    const unbundled = loaded.filter((entry) =>
      /[\\/](packages[\\/]|node_modules[\\/](kysely|zod|commander)[\\/])/.test(entry),
    );
    expect(unbundled).toEqual([]);
    expect(loaded.some((entry) => entry.endsWith("/dist/bin.js"))).toBe(true);
  });

  it("opens and migrates a SQLite database without loading the PostgreSQL driver", () => {
    const { child, loaded } = loadedBy(directory, "db", "init");
    expect(child.status, child.stderr).toBe(0);
    expect(loaded.some((entry) => /[\\/]node_modules[\\/]better-sqlite3[\\/]/.test(entry))).toBe(true);
    expect(loaded.filter(isPg)).toEqual([]);
  });
});
