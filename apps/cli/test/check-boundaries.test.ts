import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const script = join(repositoryRoot, "scripts/check-boundaries.mjs");

function runScript(root: string) {
  const result = spawnSync(process.execPath, [script, "--root", root], { encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeTree(root: string, files: Record<string, string | object>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content));
  }
}

// Specifiers are assembled at run time so this file's own source never looks like a violation.
const quoted = (specifier: string) => JSON.stringify(specifier);
const dynamicImport = (specifier: string) => ["await ", "import(", quoted(specifier), ");"].join("");

const cleanTree = {
  "packages/platform/package.json": { name: "@spine/platform", dependencies: { zod: "^4" } },
  "packages/platform/src/index.ts": `export { z } from ${quoted("zod")};\n`,
  "packages/domain-demo/package.json": {
    name: "@spine/domain-demo",
    dependencies: { "@spine/platform": "workspace:*" },
  },
  "packages/domain-demo/src/index.ts": `import { defineDomain } from ${quoted("@spine/platform")};\nexport const d = defineDomain;\n`,
  "packages/domain-demo/src/models/tier.ts": `import { z } from ${quoted("zod")};\nexport const tier = z.string();\n`,
  "packages/domain-demo/src/calculations/sum.ts": `import { tier } from ${quoted("../models/tier.js")};\nexport const t = tier;\n`,
  "apps/cli/package.json": {
    name: "@spine/cli",
    dependencies: { commander: "^14", "@spine/domain-demo": "workspace:*" },
  },
  "apps/cli/src/bin.ts": `import { Command } from ${quoted("commander")};\nimport { d } from ${quoted("@spine/domain-demo")};\n`,
};

describe("integration", () => {
  describe("check-boundaries", () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), "spine-boundaries-"));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it("fails on a platform import of a domain, naming file and line", () => {
      writeTree(root, {
        ...cleanTree,
        "packages/platform/src/leak.ts": `// a comment\nimport { d } from ${quoted("@spine/domain-demo")};\n`,
      });
      const result = runScript(root);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        "packages/platform/src/leak.ts:2: the platform must not depend on @spine/domain-demo",
      );
    });

    it("lists every kind of violation at once", () => {
      writeTree(root, {
        ...cleanTree,
        "packages/platform/package.json": {
          name: "@spine/platform",
          dependencies: { "@spine/cli": "workspace:*" },
        },
        "packages/domain-demo/src/models/io.ts": `import { readFileSync } from ${quoted("node:fs")};\nimport type { Logger } from ${quoted("@spine/platform")};\n`,
        "packages/domain-demo/src/parsing/up.ts": `export { d } from ${quoted("../index.js")};\n`,
        "packages/domain-demo/test/deep.test.ts": `const x = ${dynamicImport("@spine/platform/src/index.js")}\n`,
        "packages/domain-demo/src/cli.ts": `import { Command } from ${quoted("commander")};\n`,
        "packages/domain-demo/src/escape.ts": `import { y } from ${quoted("../../platform/src/index.js")};\n`,
        "apps/cli/src/deep.ts": `const p = require(${quoted("@spine/domain-demo/src/models/tier.js")});\n`,
      });
      const result = runScript(root);
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split("\n");
      expect(lines.at(-1)).toBe("check-boundaries: 8 violation(s)");
      expect(result.stderr).toContain(
        "packages/platform/package.json:1: dependencies: the platform must have no @spine dependencies",
      );
      expect(result.stderr).toContain("packages/domain-demo/src/models/io.ts:1: pure code");
      expect(result.stderr).toContain("packages/domain-demo/src/models/io.ts:2: pure code");
      expect(result.stderr).toContain("packages/domain-demo/src/parsing/up.ts:1: pure code");
      expect(result.stderr).toContain(
        "packages/domain-demo/test/deep.test.ts:1: deep import @spine/platform/src/index.js",
      );
      expect(result.stderr).toContain(
        "packages/domain-demo/src/cli.ts:1: packages must not import commander",
      );
      expect(result.stderr).toContain(
        "packages/domain-demo/src/escape.ts:1: relative import ../../platform/src/index.js escapes",
      );
      expect(result.stderr).toContain("apps/cli/src/deep.ts:1: deep import");
    });

    const finraTree = {
      ...cleanTree,
      "packages/finra/package.json": {
        name: "@spine/finra",
        dependencies: { zod: "^4", "@spine/platform": "workspace:*" },
      },
      "packages/finra/src/index.ts": `import { z } from ${quoted("zod")};\nexport const week = z.string();\n`,
      "packages/finra/src/sum.ts": `export { sumBy } from ${quoted("@spine/platform/pure")};\n`,
      "packages/domain-demo/package.json": {
        name: "@spine/domain-demo",
        dependencies: { "@spine/platform": "workspace:*", "@spine/finra": "workspace:*" },
      },
      "packages/domain-demo/src/models/week.ts": `import { week } from ${quoted("@spine/finra")};\nexport const w = week;\n`,
      "packages/domain-other/package.json": {
        name: "@spine/domain-other",
        dependencies: { "@spine/platform": "workspace:*", "@spine/finra": "workspace:*" },
      },
      "packages/domain-other/src/index.ts": `export { week } from ${quoted("@spine/finra")};\n`,
    };

    it("lets domains, and their pure code, depend on @spine/finra, and @spine/finra on @spine/platform/pure", () => {
      writeTree(root, finraTree);
      expect(runScript(root)).toMatchObject({ code: 0, stderr: "" });
    });

    it("still fails a domain importing another domain, and keeps @spine/finra pure", () => {
      writeTree(root, {
        ...finraTree,
        "packages/domain-other/src/leak.ts": `import { d } from ${quoted("@spine/domain-demo")};\n`,
        "packages/domain-other/package.json": {
          name: "@spine/domain-other",
          dependencies: { "@spine/finra": "workspace:*", "@spine/domain-demo": "workspace:*" },
        },
        "packages/finra/package.json": {
          name: "@spine/finra",
          dependencies: { zod: "^4", "@spine/platform": "workspace:*", kysely: "^0.28" },
        },
        "packages/finra/src/io.ts": `import { readFileSync } from ${quoted("node:fs")};\nimport { z } from ${quoted("@spine/platform")};\n`,
      });
      const result = runScript(root);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        "packages/domain-other/src/leak.ts:1: a domain may depend only on @spine/platform and @spine/finra, @spine/finra-api, not @spine/domain-demo",
      );
      expect(result.stderr).toContain(
        "packages/domain-other/package.json:1: dependencies: a domain may depend only on @spine/platform and @spine/finra, @spine/finra-api (found @spine/domain-demo)",
      );
      expect(result.stderr).toContain(
        "packages/finra/package.json:1: dependencies: @spine/finra may depend only on zod, @spine/platform (found kysely)",
      );
      expect(result.stderr).toContain(
        "packages/finra/src/io.ts:1: @spine/finra is pure (zod, @spine/platform/pure only, no I/O)",
      );
      expect(result.stderr).toContain(
        "packages/finra/src/io.ts:2: @spine/finra may depend only on zod, @spine/platform/pure, not @spine/platform",
      );
      expect(result.stderr.trim().split("\n").at(-1)).toBe("check-boundaries: 5 violation(s)");
    });

    it("lets domains depend on @spine/finra-api and its mock, and keeps it off domains", () => {
      writeTree(root, {
        ...finraTree,
        "packages/finra-api/package.json": {
          name: "@spine/finra-api",
          dependencies: { "@spine/platform": "workspace:*", "@spine/finra": "workspace:*" },
        },
        "packages/finra-api/src/index.ts": `export { week } from ${quoted("@spine/finra")};\n`,
        "packages/domain-other/src/fetch.ts": `export * from ${quoted("@spine/finra-api")};\n`,
        "packages/domain-other/test/mock.test.ts": `export * from ${quoted("@spine/finra-api/mock")};\n`,
      });
      expect(runScript(root)).toMatchObject({ code: 0, stderr: "" });
      writeTree(root, {
        "packages/finra-api/src/leak.ts": `export * from ${quoted("@spine/domain-demo")};\n`,
      });
      const result = runScript(root);
      expect(result.stderr).toContain(
        "packages/finra-api/src/leak.ts:1: @spine/finra-api may depend only on @spine/platform and @spine/finra, not @spine/domain-demo",
      );
      expect(result.code).toBe(1);
    });

    it("fails on an import cycle inside a package, type-only imports included, naming every member", () => {
      writeTree(root, {
        ...cleanTree,
        "packages/platform/src/jobs.ts": `import type { Key } from ${quoted("./pipeline/types.js")};\nexport type Job = Key;\n`,
        "packages/platform/src/pipeline/types.ts": `import type { Job } from ${quoted("../jobs.js")};\nexport type Key = string;\nexport type Plan = Job;\n`,
        "packages/platform/src/pipeline/uses-index.ts": `import { z } from ${quoted("../index.js")};\nexport const y = z;\n`,
      });
      const result = runScript(root);
      const cycles = result.stderr.split("\n").filter((line) => line.includes("import cycle"));
      expect(cycles).toEqual([
        "packages/platform/src/pipeline/types.ts:1: import cycle: src/jobs.ts -> src/pipeline/types.ts -> src/jobs.ts",
      ]);
      expect(result.code).toBe(1);
    });

    it("passes a clean tree", () => {
      writeTree(root, cleanTree);
      expect(runScript(root)).toMatchObject({ code: 0, stderr: "" });
    });

    it("passes the real repository", () => {
      const result = runScript(repositoryRoot);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    });
  });
});
