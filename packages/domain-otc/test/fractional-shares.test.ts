import { FINRA_DOWNLOAD_COLUMNS, FINRA_DOWNLOAD_DELIMITER } from "@spine/finra";
import { sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBackfilledDownload } from "./support/backfilled-download.js";
import { runQuery } from "./support/run-query.js";

type OtcSpine = Awaited<ReturnType<typeof openBackfilledDownload>>;

// A FINRA download of OTC week ending 2025-12-12 (first published 2026-01-12) with fractional
// shares, as FINRA reports on some rows since 2026. As doubles, AAAA's 0.1 + 0.2 would be
// 0.30000000000000004.
const header = FINRA_DOWNLOAD_COLUMNS.join(FINRA_DOWNLOAD_DELIMITER);
const rows = [
  "OTC|AAAA|Aaaa Inc.|Venue One|VONE|0.1|2|2026-01-12",
  "OTC|AAAA|Aaaa Inc.|Venue Two|VTWO|0.2|1|2026-01-12",
  "OTC|BBBB|Bbbb Inc.|Venue One|VONE|1234.5|3|2026-01-12",
  "OTC|BBBB|Bbbb Inc.|Venue Two|VTWO|10.000001|1|2026-01-12",
  "OTC|CCCC|Cccc Inc.|Venue Two|VTWO|700|7|2026-01-12",
  "OTC|DDDD|Dddd Inc.|Venue Two|VTWO|5.1234567|1|2026-01-12",
];
const week = { tier: "OTC", week_ending: "2025-12-12" };

describe("integration: fractional share quantities (FINRA rows since 2026)", () => {
  let spine: OtcSpine;
  beforeAll(async () => {
    spine = await openBackfilledDownload("finra_otc_weekly_otc_20260112.csv", [header, ...rows]);
  }, 120_000);
  afterAll(() => spine.cleanup());

  it("refuses a fraction finer than six places, with its line, instead of rounding it", async () => {
    const rejects = await runQuery(spine, "otc.rejects", week);
    expect(rejects.map((reject) => [reject.line_number, reject.reason_code])).toEqual([
      [7, "INVALID_SHARE_QUANTITY"],
    ]);
  });

  it("keeps every fractional row exactly as reported", async () => {
    const stored = await sql<{ share_volume: unknown }>`select share_volume from otc_venue_volume_latest
      order by line_number`.execute(spine.database.db);
    expect(stored.rows.map((row) => Number(row.share_volume))).toEqual([0.1, 0.2, 1234.5, 10.000001, 700]);
  });

  it("sums them to the exact decimal totals, and the queries show the fraction", async () => {
    const venues = await runQuery(spine, "otc.venue_shares", week);
    expect(venues.map((venue) => [venue.mpid, Number(venue.total_volume)])).toEqual([
      ["VONE", 1234.6],
      ["VTWO", 710.200001],
    ]);
    const symbols = await runQuery(spine, "otc.top_symbols", week);
    expect(symbols.map((symbol) => [symbol.symbol, Number(symbol.total_volume)])).toEqual([
      ["BBBB", 1244.500001],
      ["CCCC", 700],
      ["AAAA", 0.3],
    ]);
    const [loaded] = await runQuery(spine, "otc.weeks", { tier: "OTC" });
    expect(loaded).toBeDefined();
    const rolling = await runQuery(spine, "otc.rolling", { ...week, symbol: "AAAA" });
    expect(rolling.map((row) => [row.symbol, Number(row.avg_volume)])).toEqual([["AAAA", 0.3]]);
    const quality = await runQuery(spine, "otc.quality", week);
    const reconciles = quality.filter((check) => String(check.check_name).includes("reconciles"));
    expect(reconciles.map((check) => check.status)).toEqual(reconciles.map(() => "pass"));
    expect(reconciles.length).toBeGreaterThan(0);
  });
});
