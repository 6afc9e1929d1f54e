import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AtsSpine, openAtsSpine } from "./support/ats-spine.js";

// A FINRA download of OTC week ending 2025-12-12 (first published 2026-01-12) with fractional
// shares, as FINRA reports on some rows since 2026. As doubles, ZQAA's 0.1 + 0.2 would be
// 0.30000000000000004 and the tier-week's 1244.800001 would drift too.
const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";
const rows = [
  "OTC|AAAA|Aaaa Inc.|Zq Alpha ATS|ZQAA|0.1|2|2026-01-12",
  "OTC|BBBB|Bbbb Inc.|Zq Alpha ATS|ZQAA|0.2|1|2026-01-12",
  "OTC|AAAA|Aaaa Inc.|Zq Bravo ATS|ZQBB|1234.5|3|2026-01-12",
  "OTC|CCCC|Cccc Inc.|Zq Bravo ATS|ZQBB|10.000001|1|2026-01-12",
  "OTC|DDDD|Dddd Inc.|Zq Bravo ATS|ZQBB|5.1234567|1|2026-01-12",
];

async function query(ats: AtsSpine, name: string, params: Record<string, unknown> = {}) {
  const definition = ats.spine.registry.getQuery(name);
  return definition.run(
    { scope: ats.spine.database, logger: ats.spine.logger },
    definition.params.parse(params),
  );
}

describe("integration: fractional share quantities (FINRA rows since 2026)", () => {
  // The FINRA download is the backfill's source_dir: a path to one file scans as a folder holding it.
  const folder = mkdtempSync(join(tmpdir(), "spine-ats-fractions-"));
  const download = join(folder, "finra_ats_weekly_otc_20260112.csv");
  let ats: AtsSpine;
  beforeAll(async () => {
    writeFileSync(download, `${[header, ...rows].join("\n")}\n`);
    ats = await openAtsSpine();
    const run = await ats.spine.dispatcher.submit("ats.backfill_range", { source_dir: download });
    expect(run.status, run.error ?? "").toBe("completed");
  }, 120_000);
  afterAll(() => ats.dispose().finally(() => rmSync(folder, { recursive: true, force: true })));

  it("refuses a fraction finer than six places, with its line, instead of rounding it", async () => {
    const rejects = await query(ats, "ats.rejects", { tier: "OTC", week_ending: "2025-12-12" });
    expect(rejects.map((reject) => [reject.line_number, reject.reason_code])).toEqual([
      [6, "INVALID_SHARE_QUANTITY"],
    ]);
  });

  it("keeps every fractional row exactly as reported", async () => {
    const stored = await sql<{
      shares: unknown;
    }>`select shares from ats_venue_rows order by line_number`.execute(ats.spine.database.db);
    expect(stored.rows.map((row) => Number(row.shares))).toEqual([0.1, 0.2, 1234.5, 10.000001]);
  });

  it("sums them to the exact decimal totals, and the queries show the fraction", async () => {
    const venues = await query(ats, "ats.venue_shares", { tier: "OTC", week_ending: "2025-12-12" });
    expect(venues.map((venue) => [venue.mpid, Number(venue.shares), Number(venue.avg_trade_size)])).toEqual([
      ["ZQBB", 1244.500001, 311.12500025],
      ["ZQAA", 0.3, 0.3 / 3],
    ]);
    expect(Number(venues[1]?.market_share)).toBe(0.3 / 1244.800001);
    const [week] = await query(ats, "ats.weeks", { tier: "OTC" });
    expect(Number(week?.ats_shares)).toBe(1244.800001);
    const trend = await sql<{ mpid: string; window_shares: unknown }>`select mpid, window_shares
      from ats_share_trend_latest order by mpid`.execute(ats.spine.database.db);
    expect(trend.rows.map((row) => [row.mpid, Number(row.window_shares)])).toEqual([
      ["ZQAA", 0.3],
      ["ZQBB", 1244.500001],
    ]);
  });
});
