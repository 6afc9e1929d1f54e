import { fileURLToPath } from "node:url";
import { otcDomain } from "@spine/domain-otc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

const week = "2025-08-29";
const file = fileURLToPath(
  new URL(`../../../fixtures/finra-otc/generated/otc_week_${week}.csv`, import.meta.url),
);

async function run(workspace: Workspace, name: string, ...params: string[]) {
  const result = await workspace.spine("run", name, ...params.flatMap((param) => ["-p", param]), "--json");
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

// Numbered failure 6 from the command line: `-p calc_version=v2` was refused.
describe("integration: calculation versions and the data dictionary from the CLI", () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = createWorkspace([otcDomain]);
    expect((await workspace.spine("db", "init")).code).toBe(0);
    await run(workspace, "otc.ingest_week", `file_path=${file}`, "tier=OTC", `week_ending=${week}`);
    for (const stage of ["otc.normalize_week", "otc.aggregate_week"])
      await run(workspace, stage, "tier=OTC", `week_ending=${week}`);
  }, 120_000);
  afterAll(() => workspace.remove());

  it("lists the calculation versions of a pipeline, the current one marked", async () => {
    const entry = JSON.parse((await workspace.spine("describe", "otc.aggregate_week", "--json")).stdout);
    const liquidity = entry.calculations.filter(
      (calculation: { name: string }) => calculation.name === "liquidity_score",
    );
    expect(
      liquidity.map((calculation: { version: string; current: boolean }) => [
        calculation.version,
        calculation.current,
      ]),
    ).toEqual([
      ["v1", true],
      ["v2", false],
    ]);
    const text = (await workspace.spine("describe", "otc.aggregate_week")).stdout;
    expect(text).toContain("Calculation versions (calc_version)");
    expect(
      entry.parameters.find((parameter: { name: string }) => parameter.name === "calc_version").allowedValues,
    ).toEqual(["v1", "v2"]);
  });

  it("computes v2 beside v1 and queries each", async () => {
    const execution = await run(
      workspace,
      "otc.aggregate_week",
      "tier=OTC",
      `week_ending=${week}`,
      "calc_version=v2",
    );
    expect(execution.execution.status).toBe("completed");
    const query = async (...params: string[]) =>
      JSON.parse(
        (await workspace.spine("query", "otc.liquidity", ...params.flatMap((p) => ["-p", p]), "--json"))
          .stdout,
      ).rows;
    const v1 = await query("tier=OTC", `week_ending=${week}`);
    const v2 = await query("tier=OTC", `week_ending=${week}`, "calc_version=v2");
    expect(v1[0].calc_version).toBe("v1");
    expect(v2[0].calc_version).toBe("v2");
  });

  it("prints every output column of a query with its meaning", async () => {
    const entry = JSON.parse((await workspace.spine("describe", "otc.research_snapshot", "--json")).stdout);
    const names = entry.columns.map((column: { name: string }) => column.name);
    expect(names).toContain("hhi_10000");
    expect(names).toContain("rolling_trend_direction");
    expect(entry.columns.every((column: { description: string }) => column.description.length > 10)).toBe(
      true,
    );
    const text = (await workspace.spine("describe", "otc.top_symbols")).stdout;
    expect(text).toMatch(/top_mpid\s+.*smallest MPID/);
  });

  it("answers to the seeds' query name otc.query_rolling", async () => {
    await run(workspace, "otc.compute_rolling", "tier=OTC", `week_ending=${week}`);
    const result = await workspace.spine(
      "query",
      "otc.query_rolling",
      "-p",
      "tier=OTC",
      "-p",
      `week_ending=${week}`,
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].trend_direction).toBe("UNKNOWN");
    const shorthand = await workspace.spine(
      "otc",
      "query_rolling",
      "-p",
      "tier=OTC",
      "-p",
      `week_ending=${week}`,
      "--json",
    );
    expect(JSON.parse(shorthand.stdout).rows).toEqual(rows);
  });
});
