import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSourceFileName } from "@spine/finra";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AtsSpine, atsFixtures, openAtsSpine } from "./support/ats-spine.js";

type SummaryRow = { tier: string; week_ending: string; rows: number; accepted: number; rejected: number };

// Data lines per tier-week, counted straight from the generated files (header excluded).
function linesPerTierWeek(): Map<string, number> {
  const folder = atsFixtures("generated");
  const counts = new Map<string, number>();
  for (const name of readdirSync(folder)) {
    const parsed = parseSourceFileName(name, "ats");
    if (parsed === null) continue;
    const text = readFileSync(join(folder, name), "utf8").trimEnd();
    counts.set(`${parsed.tier} ${parsed.weekEnding}`, text.split("\n").length - 1);
  }
  return counts;
}

// The stages done with current inputs for one tier-week (stale entries stay in the manifest, marked).
async function doneStages(ats: AtsSpine, tier: string, weekEnding: string): Promise<string[]> {
  const rows = await ats.spine.database.db
    .selectFrom("core_manifest")
    .select("stage")
    .where("domain", "=", "ats")
    .where("partition_key", "=", JSON.stringify({ tier, week_ending: weekEnding }))
    .where("stale_reason", "is", null)
    .execute();
  return rows.map((row) => row.stage).sort();
}

const week = { tier: "NMS Tier 2", week_ending: "2025-09-12" };

describe("integration", () => {
  describe("ats.backfill_range over fixtures/finra-ats/generated", () => {
    let ats: AtsSpine;
    let summary: SummaryRow[];
    beforeAll(async () => {
      ats = await openAtsSpine();
      const run = await ats.spine.dispatcher.submit("ats.backfill_range", {
        source_dir: atsFixtures("generated"),
      });
      expect(run.status, run.error ?? "").toBe("completed");
      summary = (run.output as { table: SummaryRow[] }).table;
    }, 120_000);
    afterAll(() => ats.dispose());

    it("completes all 12 tier-weeks and accounts for every line read as accepted or rejected", () => {
      const expected = linesPerTierWeek();
      expect(summary).toHaveLength(12);
      expect(expected.size).toBe(12);
      for (const row of summary) {
        expect(row.rows, `${row.tier} ${row.week_ending}`).toBe(
          expected.get(`${row.tier} ${row.week_ending}`),
        );
        expect(row.accepted + row.rejected).toBe(row.rows);
      }
    });

    it("keeps exactly the accepted rows in ats_venue_rows_latest and the rejected ones in core_rejects", async () => {
      const db = ats.spine.database.db.withTables<{
        ats_venue_rows_latest: { tier: string; week_ending: string };
      }>();
      const kept = await db
        .selectFrom("ats_venue_rows_latest")
        .select(["tier", "week_ending", (expression) => expression.fn.countAll<number | string>().as("rows")])
        .groupBy(["tier", "week_ending"])
        .execute();
      const rejected = await ats.spine.database.db
        .selectFrom("core_rejects")
        .select(["partition_key", (expression) => expression.fn.countAll<number | string>().as("rows")])
        .where("domain", "=", "ats")
        .groupBy("partition_key")
        .execute();
      for (const row of summary) {
        const key = JSON.stringify({ tier: row.tier, week_ending: row.week_ending });
        const venueRows = kept.find(
          (found) => found.tier === row.tier && found.week_ending === row.week_ending,
        );
        expect(Number(venueRows?.rows)).toBe(row.accepted);
        expect(Number(rejected.find((found) => found.partition_key === key)?.rows)).toBe(row.rejected);
      }
    });

    it("re-aggregating a week makes the later trend windows stale; a resumed backfill redoes only those", async () => {
      const rerun = await ats.spine.dispatcher.submit("ats.aggregate_week", week, { force: true });
      expect(rerun.metrics.capture_id).toBe("aggregate:ats-tier2:2025-09-12:2");
      // Later weeks' trend windows read 2025-09-12's aggregate; 2025-09-05's window does not.
      expect(await doneStages(ats, "NMS Tier 2", "2025-09-26")).not.toContain("trend");
      expect(await doneStages(ats, "NMS Tier 2", "2025-09-05")).toContain("trend");
      const resumed = await ats.spine.dispatcher.submit("ats.backfill_range", {
        source_dir: atsFixtures("generated"),
        tiers: "tier2",
      });
      expect(resumed.status, resumed.error ?? "").toBe("completed");
      // 2025-09-05 is untouched; 2025-09-12 reruns from trend (its aggregate changed), the later two from trend.
      expect([resumed.metrics.tier_weeks_skipped, resumed.metrics.tier_weeks_completed]).toEqual([1, 3]);
      expect(await doneStages(ats, "NMS Tier 2", "2025-09-26")).toContain("trend");
    });

    it("rolling back that aggregate makes the same later windows stale and leaves other tiers alone", async () => {
      const rollback = await ats.spine.dispatcher.submit("ats.rollback_capture", {
        capture_id: "aggregate:ats-tier2:2025-09-12:2",
      });
      expect(rollback.status, rollback.error ?? "").toBe("completed");
      // trend and snapshot (which reads trend) of the weeks ending 2025-09-19 and 2025-09-26.
      expect(rollback.metrics.invalidated_later_windows).toBe(4);
      expect(await doneStages(ats, "NMS Tier 2", "2025-09-19")).not.toContain("trend");
      expect(await doneStages(ats, "NMS Tier 2", "2025-09-05")).toContain("trend");
      expect(await doneStages(ats, "NMS Tier 1", "2025-09-26")).toContain("trend");
    });

    it("flags the rows of stale stages and answers as of a date with what was knowable then", async () => {
      const query = (name: string, params: Record<string, unknown>) => {
        const definition = ats.spine.registry.getQuery(name);
        return definition.run(
          { scope: ats.spine.database, logger: ats.spine.logger },
          definition.params.parse(params),
        );
      };
      // The rollback left 2025-09-12's aggregate stage to run again: its rows say so.
      const rolledBack = await query("ats.venue_shares", week);
      expect(rolledBack.length).toBeGreaterThan(0);
      expect(rolledBack.every((row) => row.stale === true)).toBe(true);
      const untouched = await query("ats.venue_shares", { tier: "NMS Tier 1", week_ending: "2025-09-26" });
      expect(untouched.every((row) => row.stale === false)).toBe(true);
      const capture = await ats.spine.database.db
        .selectFrom("core_captures")
        .select("knowable_date")
        .where("capture_id", "=", String(untouched[0]?.capture_id))
        .executeTakeFirstOrThrow();
      const knowable = capture.knowable_date ?? "";
      expect(knowable).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const tier1 = { tier: "NMS Tier 1", week_ending: "2025-09-26" };
      expect(await query("ats.venue_shares", { ...tier1, as_of: knowable })).toEqual(untouched);
      expect(await query("ats.venue_shares", { ...tier1, as_of: "2025-09-30" })).toEqual([]);
      const weeks = await query("ats.weeks", { tier: "NMS Tier 1", as_of: "2025-09-01" });
      expect(weeks).toEqual([]);
    });

    it("declares every output column of its research queries with its meaning (the data dictionary)", async () => {
      const asked: Record<string, Record<string, unknown>> = {
        "ats.weeks": {},
        "ats.venue_shares": { tier: "NMS Tier 1", week_ending: "2025-09-26" },
        "ats.share_history": { mpid: "ZQAA" },
        "ats.symbol_concentration": { tier: "NMS Tier 1", week_ending: "2025-09-26" },
      };
      for (const [name, params] of Object.entries(asked)) {
        const definition = ats.spine.registry.getQuery(name);
        const declared = (definition.columns ?? []).map((column) => column.name);
        expect(declared, name).toContain("stale");
        for (const column of definition.columns ?? [])
          expect(column.description.length, column.name).toBeGreaterThan(10);
        const rows = await definition.run(
          { scope: ats.spine.database, logger: ats.spine.logger },
          definition.params.parse(params),
        );
        expect(rows.length, name).toBeGreaterThan(0);
        for (const row of rows) expect(Object.keys(row), name).toEqual(declared);
      }
    });
  });
});
