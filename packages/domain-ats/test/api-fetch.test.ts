import { completeMockWeeks, type FinraMock, loadMockWeeks, startFinraMock } from "@spine/finra-api/mock";
import type { Spine } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AtsSpine, atsFixtures, openAtsSpine } from "./support/ats-spine.js";

type Row = Record<string, unknown>;

async function venueRows(spine: Spine, tier: string, weekEnding: string): Promise<Row[]> {
  const rows = await spine.database.db
    .selectFrom("ats_venue_rows_latest" as never)
    .select(["symbol", "mpid", "ats_name", "shares", "trades"] as never[])
    .where("tier" as never, "=", tier as never)
    .where("week_ending" as never, "=", weekEnding as never)
    .orderBy("symbol" as never)
    .orderBy("mpid" as never)
    .execute();
  return (rows as Row[]).map((row) => ({ ...row, shares: Number(row.shares), trades: Number(row.trades) }));
}

describe("integration", () => {
  describe("ats.fetch_week and ats.backfill_range source=api against the mock FINRA Query API", () => {
    let mock: FinraMock;
    let files: AtsSpine;
    let api: Spine;
    let apiSpine: AtsSpine;
    beforeAll(async () => {
      mock = await startFinraMock({ weeks: completeMockWeeks(loadMockWeeks(atsFixtures("generated"))) });
      files = await openAtsSpine();
      apiSpine = await openAtsSpine({
        environment: { SPINE_FINRA_API_URL: mock.url, SPINE_FINRA_RETRY_BASE_MS: "5" },
      });
      api = apiSpine.spine;
    }, 60_000);
    afterAll(async () => {
      await apiSpine?.dispose();
      await files?.dispose();
      await mock?.close();
    });

    it("fetches the same accepted rows as the file ingest of the week, row for row", async () => {
      const week = { tier: "NMS Tier 2", week_ending: "2025-09-12" };
      const file = atsFixtures("generated/ats_tier2_week_2025-09-12.csv");
      for (const name of ["ats.ingest_week", "ats.normalize_week"]) {
        const run = await files.spine.dispatcher.submit(
          name,
          name.endsWith("ingest_week") ? { file_path: file } : week,
        );
        expect(run.status, run.error ?? "").toBe("completed");
      }
      mock.inject("reset-mid-body");
      const fetched = await api.dispatcher.submit("ats.fetch_week", week);
      expect(fetched.status, fetched.error ?? "").toBe("completed");
      await api.dispatcher.submit("ats.normalize_week", week);
      const expected = await venueRows(files.spine, week.tier, week.week_ending);
      expect(expected.length).toBeGreaterThan(10);
      expect(await venueRows(api, week.tier, week.week_ending)).toEqual(expected);
    }, 120_000);

    it("backfills the missing weeks, re-fetches the trailing two, and never calls an unchanged week completed", async () => {
      const params = { source: "api", tiers: "tier1", weeks_back: 3 };
      const plan = await api.dispatcher.submit("ats.backfill_range", { ...params, dry_run: true });
      expect(plan.status, plan.error ?? "").toBe("completed");
      const planned = (plan.output as { table: Row[] }).table.filter((row) => row.stage === "ingest");
      expect(planned.map((row) => row.week_ending)).toEqual(["2025-09-12", "2025-09-19", "2025-09-26"]);
      expect(String(planned[0]?.reason)).toMatch(
        /fetch POST \/data\/group\/otcMarket\/name\/weeklySummary\w* weekStartDate=2025-09-08 tierIdentifier=T1/,
      );
      const first = await api.dispatcher.submit("ats.backfill_range", params);
      expect(first.status, first.error ?? "").toBe("completed");
      const second = await api.dispatcher.submit("ats.backfill_range", params);
      expect(second.status, second.error ?? "").toBe("completed");
      const table = (second.output as { table: Row[] }).table;
      expect(table.map((row) => [row.week_ending, row.ingest, row.status])).toEqual([
        ["2025-09-12", "skipped", "skipped"],
        ["2025-09-19", "skipped", "skipped"],
        ["2025-09-26", "skipped", "skipped"],
      ]);
      const fetches = await api.database.db
        .selectFrom("core_executions")
        .select("params")
        .where("pipeline", "=", "ats.fetch_week")
        .where("parent_execution_id", "=", second.id)
        .execute();
      expect(fetches.map((row) => JSON.parse(row.params).week_ending).sort()).toEqual([
        "2025-09-19",
        "2025-09-26",
      ]);
    }, 120_000);
  });
});
