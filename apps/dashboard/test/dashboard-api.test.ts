import { formatCsv, parseParamsOrThrow, sql } from "@spine/platform";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDashboardApp, startDashboardServer } from "../src/index.js";
import type { DashboardSpine } from "./support/dashboard-spine.js";
import { failedWeek, openDashboardSpine, staleWeek } from "./support/dashboard-spine.js";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, their shape is what the assertions check
type Json = any;

let opened: DashboardSpine;
let app: Hono;

beforeAll(async () => {
  opened = await openDashboardSpine();
  app = createDashboardApp(opened.context);
}, 240_000);
afterAll(() => opened.dispose());

async function getJson(path: string, init?: RequestInit) {
  const response = await app.request(path, init);
  return { status: response.status, body: (await response.json()) as Json };
}

const cellOf = (grid: Json, week: string, stage: string) =>
  grid.rows.find((row: Json) => row.partition.tier === "OTC" && row.partition.week_ending === week)?.cells[
    stage
  ];

describe("integration: the dashboard's JSON API", () => {
  it("lists both domains with their stages, partition fields, queries and declared charts", async () => {
    const { status, body } = await getJson("/api/domains");
    expect(status).toBe(200);
    expect(body.domains.map((domain: Json) => domain.name)).toEqual(["otc", "ats"]);
    const otc = body.domains[0];
    expect(otc.partitionFields).toEqual(["tier", "week_ending"]);
    const charted = otc.queries.filter((query: Json) => query.chart).map((query: Json) => query.name);
    expect(charted).toEqual(
      expect.arrayContaining(["otc.venue_shares", "otc.venue_history", "otc.market_concentration"]),
    );
  });

  it("shows the coverage grid from the manifest: done, stale after a forced ingest, failed, missing", async () => {
    const { body: grid } = await getJson("/api/domains/otc/coverage");
    expect(grid.stages).toEqual(["ingest", "normalize", "aggregate", "rolling", "snapshot"]);
    expect(cellOf(grid, staleWeek, "ingest").status).toBe("done");
    expect(cellOf(grid, staleWeek, "normalize").status).toBe("stale");
    expect(cellOf(grid, "2025-10-24", "rolling").status).toBe("stale");
    expect(cellOf(grid, "2025-10-24", "aggregate").status).toBe("done");
    expect(cellOf(grid, failedWeek, "ingest")).toMatchObject({ status: "failed" });
    expect(cellOf(grid, failedWeek, "ingest").reason).toMatch(/missing required columns/);
    expect(cellOf(grid, failedWeek, "normalize").status).toBe("missing");
    const { body: ats } = await getJson("/api/domains/ats/coverage");
    expect(ats.rows.length).toBeGreaterThan(0);
  });

  it("lists a partition's captures, and names the fields a partial partition lacks", async () => {
    const { body } = await getJson(`/api/domains/otc/captures?tier=OTC&week_ending=${staleWeek}`);
    const ingests = body.captures.filter((capture: Json) => capture.stage === "ingest");
    expect(ingests.map((capture: Json) => capture.capture_number).sort()).toEqual([1, 2]);
    // The first ingest was normalized: its raw rows left their table where the backend reuses
    // deleted space at once (SQLite); the forced second one was not normalized yet.
    const released = opened.context.spine.database.sql.reusesDeletedSpaceAtOnce;
    const byNumber = [...ingests].sort(
      (left: Json, right: Json) => left.capture_number - right.capture_number,
    );
    expect(byNumber.map((capture: Json) => capture.raw_released_at !== null)).toEqual([released, false]);
    const { body: grid } = await getJson("/api/domains/otc/coverage");
    const row = grid.rows.find((entry: Json) => entry.partition.week_ending === staleWeek);
    expect(row.rawReleased).toBe(released);
    const partial = await getJson("/api/domains/otc/captures?tier=OTC");
    expect(partial.status).toBe(400);
    expect(partial.body.error.message).toContain("missing: week_ending");
  });

  it("pages executions and shows one with its children; an unknown id is 404", async () => {
    const first = await getJson("/api/executions?limit=2");
    const second = await getJson("/api/executions?limit=2&offset=2");
    expect(first.body.executions).toHaveLength(2);
    expect(second.body.executions[0].id).not.toBe(first.body.executions[1].id);
    const top = await getJson("/api/executions?top_level=true&pipeline=otc.backfill_range");
    const backfill = top.body.executions[0];
    const { body } = await getJson(`/api/executions/${backfill.id}`);
    expect(body.execution.pipeline).toBe("otc.backfill_range");
    expect(body.children.length).toBeGreaterThan(10);
    expect(body.execution).not.toHaveProperty("errorStack");
    expect((await getJson("/api/executions/no-such-id")).status).toBe(404);
    const bad = await getJson("/api/executions?limit=zero");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("limit");
  });

  it("lists quality results and rejects filtered by partition", async () => {
    const quality = await getJson(`/api/domains/otc/quality?tier=OTC&week_ending=${staleWeek}&limit=500`);
    expect(quality.body.quality.length).toBeGreaterThan(0);
    expect(quality.body.quality.every((row: Json) => row.partition_key.includes(staleWeek))).toBe(true);
    const warned = await getJson("/api/domains/otc/quality?status=warn");
    expect(warned.body.quality.every((row: Json) => row.status === "warn")).toBe(true);
    const rejects = await getJson("/api/domains/otc/rejects?limit=5");
    expect(rejects.status).toBe(200);
    for (const row of rejects.body.rejects) expect(row.reason_code).toEqual(expect.any(String));
  });

  it("runs a declared query as JSON and as the CLI's CSV, as of a date too", async () => {
    const params = "tier=OTC&week_ending=2025-10-10";
    const { body } = await getJson(`/api/queries/otc.venue_shares?${params}`);
    expect(body).toMatchObject({ ok: true, query: "otc.venue_shares" });
    expect(body.rowCount).toBe(body.rows.length);
    const shares = body.rows.reduce((sum: number, row: Json) => sum + row.market_share, 0);
    expect(shares).toBeCloseTo(1, 9);
    const csv = await app.request(`/api/queries/otc.venue_shares?${params}&format=csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(await csv.text()).toBe(formatCsv(body.rows));
    const before = await getJson(`/api/queries/otc.venue_shares?${params}&as_of=2020-01-01`);
    expect(before.body.rows).toEqual([]);
    expect(before.body.notes.length).toBeGreaterThan(0);
  });

  it("breaks a symbol's volume down by venue, summing to the symbol's total", async () => {
    const week = "tier=OTC&week_ending=2025-10-10";
    const { body: top } = await getJson(`/api/queries/otc.top_symbols?${week}&limit=1`);
    const symbol = top.rows[0].symbol;
    const { body } = await getJson(`/api/queries/otc.symbol_venues?${week}&symbol=${symbol}`);
    const total = body.rows.reduce((sum: number, row: Json) => sum + row.share_volume, 0);
    expect(body.rows.length).toBe(top.rows[0].venue_count);
    expect(total).toBe(top.rows[0].total_volume);
    const volumes = body.rows.map((row: Json) => row.share_volume);
    expect(volumes).toEqual([...volumes].sort((left, right) => right - left));
  });

  it("answers a bad parameter with 400 and the CLI's message", async () => {
    const query = opened.context.domains[0]?.queries?.find(
      (candidate) => candidate.name === "otc.venue_shares",
    );
    if (!query) throw new Error("otc.venue_shares is not declared");
    const raw = { tier: "Tier 9", week_ending: "2025-10-10" };
    const expected = (() => {
      try {
        parseParamsOrThrow(query.name, query.params, raw);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error("Tier 9 was accepted");
    })();
    const { status, body } = await getJson(
      `/api/queries/otc.venue_shares?tier=Tier%209&week_ending=2025-10-10`,
    );
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: "VALIDATION", message: expected });
    expect((await getJson("/api/queries/otc.nope")).status).toBe(404);
  });

  it("is read-only, and says 404 for unknown routes", async () => {
    expect((await getJson("/api/domains", { method: "POST" })).status).toBe(405);
    expect((await getJson("/api/nothing-here")).status).toBe(404);
    expect((await getJson("/api/domains/nope/coverage")).body.error.message).toContain("Domains: otc, ats");
  });

  it("exports data-correctness metrics in the Prometheus text format", async () => {
    const response = await app.request("/metrics");
    const text = await response.text();
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(text).toMatch(/^spine_partitions_ingested\{domain="otc",tier="OTC"\} 10$/m);
    expect(text).toMatch(/^spine_stages_failed\{domain="otc",tier="OTC"\} 1$/m);
    expect(text).toMatch(/^spine_stages_stale\{domain="otc",tier="OTC"\} [1-9]\d*$/m);
    const failures = await opened.spine.database.db
      .selectFrom("core_quality")
      .select(({ fn }) => ["domain", "check_name", fn.countAll<number | string>().as("count")])
      .where("status", "=", "fail")
      .groupBy(["domain", "check_name"])
      .execute();
    const samples = text.split("\n").filter((line) => line.startsWith("spine_quality_failures{"));
    expect(samples.sort()).toEqual(
      failures
        .map(
          (row) =>
            `spine_quality_failures{domain="${row.domain}",check="${row.check_name}"} ${Number(row.count)}`,
        )
        .sort(),
    );
    expect(text).toContain("# TYPE spine_quality_failures gauge");
    expect(text).toMatch(/^spine_ingestion_lag_days\{domain="ats",tier="[^"]+"\} \d+$/m);
    expect(text).toMatch(/^spine_latest_partition_rows\{domain="otc",tier="OTC"\} [1-9]\d*$/m);
  });

  it("serves an OpenAPI document built from the routes' and queries' schemas", async () => {
    const { body } = await getJson("/api/openapi.json");
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        "/api/domains/{domain}/coverage",
        "/api/executions/{id}",
        "/metrics",
        "/api/queries/otc.venue_shares",
      ]),
    );
    const names = body.paths["/api/queries/otc.venue_shares"].get.parameters.map(
      (parameter: Json) => parameter.name,
    );
    expect(names).toEqual(expect.arrayContaining(["tier", "week_ending", "as_of", "format"]));
  });

  it("answers a database failure with 503 and neither SQL nor a stack in the body", async () => {
    const broken = await openDashboardSpine();
    try {
      await sql`drop table core_quality`.execute(broken.spine.database.db);
      const response = await createDashboardApp(broken.context).request("/api/domains/otc/quality");
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(text).not.toMatch(/core_quality|select|\bat \w+ \(/i);
      expect(JSON.parse(text).error.code).toBe("DATABASE");
    } finally {
      await broken.dispose();
    }
  }, 240_000);
});

describe("integration: who may ask", () => {
  it("with a token, refuses requests without it and accepts the bearer header or the cookie", async () => {
    const guarded = createDashboardApp(opened.context, { token: "s3cret-token" });
    expect((await guarded.request("/api/domains")).status).toBe(401);
    const bearer = await guarded.request("/api/domains", {
      headers: { authorization: "Bearer s3cret-token" },
    });
    expect(bearer.status).toBe(200);
    const opening = await guarded.request("/?token=s3cret-token");
    expect(opening.status).toBe(302);
    const cookie = opening.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect((await guarded.request("/api/domains", { headers: { cookie } })).status).toBe(200);
    expect(
      (await guarded.request("/api/domains", { headers: { authorization: "Bearer wrong" } })).status,
    ).toBe(401);
  });

  it("binds loopback by default and refuses another address without a token", async () => {
    await expect(startDashboardServer(opened.context, { host: "0.0.0.0", port: 0 })).rejects.toThrow(
      /SPINE_SERVE_TOKEN/,
    );
    const server = await startDashboardServer(opened.context, { port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/api/domains`);
      expect(response.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
