#!/usr/bin/env node
// Runs the mock FINRA Query API by hand (the one the tests start), serving the generated OTC and
// ATS fixture weeks and, when ../shared/data/finra (or SPINE_FINRA_DATA_DIR) exists, the real
// downloads converted to API rows. Build first (`npx -y pnpm@10 run build`).
// Usage: node scripts/finra-mock.mjs [--port N] [--credentials ID:SECRET] [--fault NAME[xTIMES]]...
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { completeMockWeeks, loadMockWeeks, startFinraMock } from "../packages/finra-api/dist/mock/index.js";

const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    credentials: { type: "string" },
    fault: { type: "string", multiple: true, default: [] },
  },
});

const folders = [
  path("../fixtures/finra-otc/generated"),
  path("../fixtures/finra-ats/generated"),
  process.env.SPINE_FINRA_DATA_DIR ?? path("../../shared/data/finra"),
].filter((folder) => existsSync(folder));
const [clientId, clientSecret] = (values.credentials ?? "").split(":");
const mock = await startFinraMock({
  weeks: completeMockWeeks(folders.flatMap((folder) => loadMockWeeks(folder))),
  port: Number(values.port),
  ...(clientId && clientSecret ? { credentials: { clientId, clientSecret } } : {}),
});
for (const fault of values.fault) {
  const [name, times = "1"] = fault.split("x");
  mock.inject(name, { times: Number(times) });
}
process.stdout.write(
  `FINRA mock on ${mock.url} serving ${folders.join(", ")}\n` +
    `  export SPINE_FINRA_API_URL=${mock.url}\n` +
    (clientId ? `  export SPINE_FINRA_TOKEN_URL='${mock.tokenUrl}'\n` : "") +
    "Ctrl-C stops it.\n",
);
process.on("SIGINT", () => mock.close().then(() => process.exit(0)));
process.on("SIGTERM", () => mock.close().then(() => process.exit(0)));
