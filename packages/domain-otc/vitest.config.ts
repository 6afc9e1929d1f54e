import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript source (the "@spine/source" export condition) so
// tests never run against a stale dist/; inlining makes vite, not Node, resolve them.
export default defineConfig({
  resolve: { conditions: ["@spine/source", "import", "default"] },
  ssr: { resolve: { conditions: ["@spine/source", "import", "default"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    server: { deps: { inline: [/^@spine\//] } },
  },
});
