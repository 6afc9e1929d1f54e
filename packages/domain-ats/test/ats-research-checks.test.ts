import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AtsSpine, atsFixtures, openAtsSpine } from "./support/ats-spine.js";

async function query(ats: AtsSpine, name: string, params: Record<string, unknown> = {}) {
  const definition = ats.spine.registry.getQuery(name);
  return definition.run(
    { scope: ats.spine.database, logger: ats.spine.logger },
    definition.params.parse(params),
  );
}

describe("integration: ATS quality checks, freshness and the HHI scales", () => {
  let ats: AtsSpine;
  beforeAll(async () => {
    ats = await openAtsSpine();
    const run = await ats.spine.dispatcher.submit("ats.backfill_range", {
      source_dir: atsFixtures("generated"),
    });
    expect(run.status, run.error ?? "").toBe("completed");
  }, 120_000);
  afterAll(() => ats.dispose());

  it("records the research checks on every aggregate, with a severity that states the outcome", async () => {
    const checks = await query(ats, "ats.quality", { tier: "NMS Tier 2", week_ending: "2025-09-12" });
    const names = new Map(checks.map((check) => [check.check_name, check]));
    for (const name of ["venue_shares_sum_to_one", "no_future_dates", "shares_and_trades_agree"])
      expect(names.get(`aggregate.${name}`)).toMatchObject({ status: "pass", severity: "info" });
    expect(names.has("aggregate.row_count_vs_rolling_average")).toBe(true);
  });

  it("reports freshness per tier: latest week, no gaps, the next publication and lateness", async () => {
    const rows = await query(ats, "ats.freshness", { today: "2025-10-01" });
    expect(rows.map((row) => row.tier)).toEqual(["NMS Tier 1", "NMS Tier 2", "OTC"]);
    for (const row of rows) {
      expect(row.missing_week_ending).toBe("");
      expect(row.next_publication_expected).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("gives HHI on the 0-10,000 scale beside the 0-1 scale", async () => {
    const rows = await query(ats, "ats.symbol_concentration", {
      tier: "NMS Tier 2",
      week_ending: "2025-09-12",
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Number(row.hhi_10000)).toBeCloseTo(Number(row.hhi) * 10_000, 6);
  });
});
