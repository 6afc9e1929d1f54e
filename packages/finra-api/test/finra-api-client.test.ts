import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDataPage } from "../src/api-answer.js";
import { createFinraApiClient } from "../src/finra-api-client.js";
import { readFinraApiSettings } from "../src/finra-api-settings.js";
import { type FinraMock, generateMockWeek, startFinraMock } from "../src/mock/index.js";

const week = generateMockWeek({ dataset: "ats", tier: "NMS Tier 1", weekEnding: "2025-09-12", rows: 30 });

function clientFor(mock: FinraMock) {
  return createFinraApiClient(
    readFinraApiSettings({
      SPINE_FINRA_API_URL: mock.url,
      SPINE_FINRA_RETRY_BASE_MS: "1",
      SPINE_FINRA_MAX_ATTEMPTS: "2",
    }),
  );
}

describe("unit", () => {
  describe("the FINRA Query API client against the mock", () => {
    let mock: FinraMock;
    let older: FinraMock;
    beforeAll(async () => {
      mock = await startFinraMock({ weeks: [week], today: "2025-10-20", pageLimit: 5_000 });
      older = await startFinraMock({ weeks: [week], today: "2025-10-20", emptyAsArray: true });
    });
    afterAll(async () => {
      await mock.close();
      await older.close();
    });

    it("shows FINRA's message and request id for a refused request", async () => {
      const response = await fetch(`${mock.url}/data/group/otcMarket/name/weeklySummary`, {
        method: "POST",
        body: JSON.stringify({ sortFields: ["MPID"], limit: 10 }),
      });
      const answer = {
        status: response.status,
        headers: response.headers,
        text: await response.text(),
        attempts: 1,
      };
      expect(() => readDataPage(answer, "a sorted page")).toThrow(
        /refused a sorted page: HTTP 400: sortFields requires EQUAL compareFilters on both partition fields .* \(request id mock-\d+\)/,
      );
    });

    it("reads every row of a tier-week, and an empty week as 204 or 200 []", async () => {
      for (const server of [mock, older]) {
        const client = clientFor(server);
        const request = { dataset: "ats", apiDataset: "weeklySummary", tier: "NMS Tier 1" } as const;
        const full = await client.fetchTierWeek({ ...request, weekEnding: "2025-09-12" });
        expect([full.rows.length, full.pages, full.requestIds.length]).toEqual([30, 1, 1]);
        const empty = await client.fetchTierWeek({ ...request, weekEnding: "2025-09-19" });
        expect([empty.rows.length, empty.pages]).toEqual([0, 1]);
        const otc = await client.fetchTierWeek({ ...request, dataset: "otc", weekEnding: "2025-09-12" });
        expect(otc.rows).toEqual([]);
      }
    });

    it("lists partitions and metadata, and keeps to 20 requests a second", async () => {
      const client = clientFor(mock);
      const started = Date.now();
      for (let count = 0; count < 10; count += 1) await client.partitions("weeklySummary");
      expect(Date.now() - started).toBeGreaterThanOrEqual(9 * 50 - 5);
      expect(await client.partitions("weeklySummary")).toEqual([
        { tier: "NMS Tier 1", weekEnding: "2025-09-12" },
      ]);
      expect(await client.partitions("weeklySummaryHistoric")).toEqual([]);
      const metadata = (await client.metadata("weeklySummary")) as { fields: Array<{ name: string }> };
      expect(metadata.fields.map((field) => field.name)).toContain("totalWeeklyShareQuantity");
    });

    it("refuses half-given credentials without naming their values", () => {
      expect(() => readFinraApiSettings({ SPINE_FINRA_CLIENT_SECRET: "hidden-value" })).toThrow(
        /Set both SPINE_FINRA_CLIENT_ID and SPINE_FINRA_CLIENT_SECRET/,
      );
    });
  });
});
