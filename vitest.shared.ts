import { defineConfig } from "vitest/config";

// Shared by every package's vitest.config.ts. Workspace packages resolve to their TypeScript source
// (the "@spine/source" export condition) so tests never run against a stale dist/; inlining makes
// vite, not Node, resolve them.
export default defineConfig({
  resolve: { conditions: ["@spine/source", "import", "default"] },
  // Vitest also hands these conditions to Node (--conditions) for external packages; "import" there
  // would make CommonJS packages such as pg require() ESM entry points, so only ours is listed.
  ssr: { resolve: { conditions: ["@spine/source", "node"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    server: { deps: { inline: [/^@spine\//] } },
  },
});
