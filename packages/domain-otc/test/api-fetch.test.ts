import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type FinraMock, generateMockWeek, loadMockWeeks, type MockFault } from "@spine/finra-api/mock";
import type { Spine } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiSpine, mockEnvironment, openApiSpine, startFixtureMock } from "./support/api-spine.js";
import { fixturesDirectory, openOtcSpine } from "./support/otc-spine.js";

type VenueRow = Record<string, unknown>;

// The accepted rows of a tier-week's latest normalize capture, in key order.
async function venueRows(spine: Spine, tier: string, weekEnding: string): Promise<VenueRow[]> {
  const result = await spine.database.db
    .selectFrom("otc_venue_volume_latest" as never)
    .select([
      "symbol",
      "issue_name",
      "mpid",
      "market_participant_name",
      "share_volume",
      "trade_count",
    ] as never[])
    .where("tier" as never, "=", tier as never)
    .where("week_ending" as never, "=", weekEnding as never)
    .orderBy("symbol" as never)
    .orderBy("mpid" as never)
    .execute();
  return (result as VenueRow[]).map((row) => ({
    ...row,
    share_volume: Number(row.share_volume),
    trade_count: Number(row.trade_count),
  }));
}

async function fetchAndNormalize(api: ApiSpine, tier: string, weekEnding: string) {
  const fetched = await api.spine.dispatcher.submit("otc.fetch_week", { tier, week_ending: weekEnding });
  if (fetched.status === "failed") return fetched;
  const normalized = await api.spine.dispatcher.submit("otc.normalize_week", {
    tier,
    week_ending: weekEnding,
  });
  expect(normalized.status, normalized.error ?? "").not.toBe("failed");
  return fetched;
}

async function ingestCount(spine: Spine): Promise<number> {
  const row = await spine.database.db
    .selectFrom("core_captures")
    .select((expression) => expression.fn.countAll().as("count"))
    .where("domain", "=", "otc")
    .where("stage", "=", "ingest")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

const generated = join(fixturesDirectory, "generated");
const realFolder = process.env.SPINE_FINRA_DATA_DIR ?? join(fixturesDirectory, "../../../shared/data/finra");

describe("integration", () => {
  describe("otc.fetch_week against the mock FINRA Query API", () => {
    let mock: FinraMock;
    let api: ApiSpine;
    let files: Awaited<ReturnType<typeof openOtcSpine>>;
    beforeAll(async () => {
      const real = existsSync(realFolder) ? loadMockWeeks(realFolder) : [];
      mock = await startFixtureMock({ eNotation: true });
      for (const week of real) mock.putWeek(week);
      api = await openApiSpine(mockEnvironment(mock));
      files = await openOtcSpine();
    }, 60_000);
    afterAll(async () => {
      await api?.cleanup();
      await files?.cleanup();
      await mock?.close();
    });

    const persistent: Array<[MockFault, RegExp]> = [
      ["unavailable", /failed after 4 attempts: HTTP 503/],
      ["origin-timeout", /failed after 4 attempts: HTTP 524/],
      ["redirect-loop", /failed after 4 attempts: redirect loop/],
      ["reset-mid-body", /failed after 4 attempts: network error/],
      ["malformed-json", /failed after 4 attempts: unreadable body/],
      ["unauthorized", /refused .* HTTP 401: injected unauthorized \(request id mock-\d+\)/],
    ];
    it.each(
      persistent,
    )("fails clearly on a persistent %s and writes nothing: no capture, no landing file", async (fault, message) => {
      mock.inject(fault, { times: 99 });
      const run = await api.spine.dispatcher.submit("otc.fetch_week", {
        tier: "NMS Tier 2",
        week_ending: "2025-10-31",
      });
      mock.clearFaults();
      expect(run.status).toBe("failed");
      expect(run.error).toMatch(message);
      expect(await ingestCount(api.spine)).toBe(0);
      expect(existsSync(api.landing) ? readdirSync(join(api.landing, "otc")) : []).toEqual([]);
    });

    it("fails clearly when FINRA has no rows for the tier-week in either dataset", async () => {
      const run = await api.spine.dispatcher.submit("otc.fetch_week", {
        tier: "OTC",
        week_ending: "2019-01-04",
      });
      expect(run.status).toBe("failed");
      expect(run.error).toMatch(/FINRA published no otc rows for OTC week 2019-01-04/);
    });

    it("lands the same rows as the file ingest of the same week, row for row", async () => {
      const file = join(generated, "tier1_week_2025-09-05.csv");
      const loaded = await files.dispatcher.submit("otc.ingest_week", { file_path: file });
      expect(loaded.status, loaded.error ?? "").toBe("completed");
      await files.dispatcher.submit("otc.normalize_week", { tier: "NMS Tier 1", week_ending: "2025-09-05" });
      const fetched = await fetchAndNormalize(api, "NMS Tier 1", "2025-09-05");
      expect(fetched.status, fetched.error ?? "").toBe("completed");
      const expected = await venueRows(files, "NMS Tier 1", "2025-09-05");
      expect(expected.length).toBeGreaterThan(10);
      expect(await venueRows(api.spine, "NMS Tier 1", "2025-09-05")).toEqual(expected);
      const request = fetched.metrics.request as {
        request_ids: string[];
        dataset: string;
        filters: unknown[];
      };
      expect(request.dataset).toBe("otcMarket/weeklySummaryHistoric");
      expect(request.request_ids.length).toBe(1);
      expect(request.filters).toHaveLength(3);
      const landingFile = String(fetched.metrics.landing_file);
      expect(JSON.parse(readFileSync(`${landingFile}.request.json`, "utf8")).request_ids).toEqual(
        request.request_ids,
      );
    });

    it.runIf(existsSync(realFolder))(
      "lands a real FINRA download's week as the download's own ingest does",
      async () => {
        const name = readdirSync(realFolder).find((file) => file.startsWith("finra_otc_weekly_otc_"));
        if (name === undefined) return;
        const loaded = await files.dispatcher.submit("otc.ingest_week", {
          file_path: join(realFolder, name),
        });
        expect(loaded.status, loaded.error ?? "").toBe("completed");
        const week = String(loaded.metrics.week_ending);
        await files.dispatcher.submit("otc.normalize_week", { tier: "OTC", week_ending: week });
        const fetched = await fetchAndNormalize(api, "OTC", week);
        expect(fetched.status, fetched.error ?? "").toBe("completed");
        const expected = await venueRows(files, "OTC", week);
        expect(expected.length).toBeGreaterThan(1_000);
        expect(await venueRows(api.spine, "OTC", week)).toEqual(expected);
      },
    );

    const recovered: Array<[MockFault, string]> = [
      ["rate-limited", "2025-09-12"],
      ["unavailable", "2025-09-19"],
      ["origin-timeout", "2025-09-26"],
      ["redirect-loop", "2025-10-03"],
      ["reset-mid-body", "2025-10-10"],
      ["malformed-json", "2025-10-17"],
      ["short-page", "2025-10-24"],
    ];
    it.each(recovered)("recovers from %s and lands the week's every row", async (fault, week) => {
      mock.inject(fault, { times: 1 });
      const fetched = await fetchAndNormalize(api, "NMS Tier 2", week);
      expect(fetched.status, fetched.error ?? "").toBe("completed");
      const lines = readFileSync(join(generated, `tier2_week_${week}.csv`), "utf8")
        .trimEnd()
        .split("\n");
      expect(fetched.metrics.rowCount).toBe(lines.length - 1);
      expect(mock.requests.some((request) => request.fault === fault)).toBe(true);
    });

    it("re-fetching unchanged rows is skipped; restated rows are a new revision", async () => {
      const again = await api.spine.dispatcher.submit("otc.fetch_week", {
        tier: "NMS Tier 1",
        week_ending: "2025-09-05",
      });
      expect(again.status).toBe("skipped");
      const before = await ingestCount(api.spine);
      const week = loadMockWeeks(generated).find(
        (entry) => entry.tier === "NMS Tier 1" && entry.weekEnding === "2025-09-05",
      );
      const rows = (week?.rows ?? []).map((row, index) =>
        index === 0
          ? {
              ...row,
              totalWeeklyShareQuantity: Number(row.totalWeeklyShareQuantity) + 100,
              lastUpdateDate: "2025-09-29",
            }
          : row,
      );
      mock.putWeek({ tier: "NMS Tier 1", weekEnding: "2025-09-05", rows });
      const restated = await api.spine.dispatcher.submit("otc.fetch_week", {
        tier: "NMS Tier 1",
        week_ending: "2025-09-05",
      });
      expect(restated.status, restated.error ?? "").toBe("completed");
      expect(await ingestCount(api.spine)).toBe(before + 1);
    });

    it("pages across the 3 MB cap, advancing by the rows each page held", async () => {
      const big = generateMockWeek({
        dataset: "otc",
        tier: "OTC",
        weekEnding: "2025-08-29",
        rows: 7_000,
        issueNameLength: 600,
      });
      mock.putWeek(big);
      const from = mock.requests.length;
      const fetched = await api.spine.dispatcher.submit("otc.fetch_week", {
        tier: "OTC",
        week_ending: "2025-08-29",
      });
      expect(fetched.status, fetched.error ?? "").toBe("completed");
      expect(fetched.metrics.rowCount).toBe(7_000);
      const offsets = mock.requests
        .slice(from)
        .flatMap((request) => (request.body?.offset === undefined ? [] : [request.body.offset]));
      expect(offsets.length).toBeGreaterThanOrEqual(3);
      expect(offsets[1]).toBeGreaterThan(0);
      expect(offsets[1]).toBeLessThan(5_000);
      const pages = api.progress.filter(
        (event) => event.executionId === fetched.id && event.unit === "pages",
      );
      expect(pages.map((event) => event.completed)).toEqual(offsets.map((_, index) => index + 1));
      expect(pages.at(-1)).toMatchObject({
        rows: 7_000,
        message: expect.stringMatching(/page \d+, 7000 of 7000 rows/),
      });
    });
  });

  describe("otc.fetch_week with OAuth2 client credentials", () => {
    const secret = "otc-secret-do-not-leak-7f3a";
    let mock: FinraMock;
    let api: ApiSpine;
    beforeAll(async () => {
      mock = await startFixtureMock({ credentials: { clientId: "spine-client", clientSecret: secret } });
      api = await openApiSpine(
        mockEnvironment(mock, {
          SPINE_FINRA_CLIENT_ID: "spine-client",
          SPINE_FINRA_CLIENT_SECRET: secret,
          SPINE_FINRA_TOKEN_URL: mock.tokenUrl,
        }),
      );
    }, 60_000);
    afterAll(async () => {
      await api?.cleanup();
      await mock?.close();
    });

    it("renews an expired token once and never writes the secret to logs, files or the database", async () => {
      mock.inject("unauthorized", { times: 1 });
      const fetched = await api.spine.dispatcher.submit("otc.fetch_week", {
        tier: "OTC",
        week_ending: "2025-09-05",
      });
      expect(fetched.status, fetched.error ?? "").toBe("completed");
      expect(mock.requests.filter((request) => request.fault === "unauthorized")).toHaveLength(1);
      mock.inject("unavailable", { times: 99 });
      const failed = await api.spine.dispatcher.submit("otc.fetch_week", {
        tier: "OTC",
        week_ending: "2025-09-12",
      });
      mock.clearFaults();
      expect(failed.status).toBe("failed");
      const basic = Buffer.from(`spine-client:${secret}`).toString("base64");
      const executions = await api.spine.database.db.selectFrom("core_executions").selectAll().execute();
      const landing = readdirSync(join(api.landing, "otc")).map((name) =>
        readFileSync(join(api.landing, "otc", name), "utf8"),
      );
      for (const text of [api.logs.join("\n"), JSON.stringify(executions), landing.join("\n")]) {
        expect(text.length).toBeGreaterThan(100);
        expect(text).not.toContain(secret);
        expect(text).not.toContain(basic);
      }
    });
  });
});
