import { afterEach, describe, expect, it } from "vitest";
import { createBackfillHarness } from "./support/backfill-harness.js";

const harness = createBackfillHarness();
afterEach(() => harness.cleanup());

const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";
const rowCount = 30_000;

/** 30,000 rows (3,000 symbols x 10 venues), every one dated `published`. */
function largeWeek(published: string): string {
  const lines = [header];
  for (let index = 0; index < rowCount; index += 1) {
    const symbol = `S${String(Math.floor(index / 10)).padStart(4, "0")}`;
    const mpid = `MP${index % 10}`;
    lines.push(
      `OTC|${symbol}|${symbol} Inc.|Maker ${mpid}|${mpid}|${1000 + index}|${1 + (index % 97)}|${published}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("integration", () => {
  // The check used to skip captures over 10,000 rows (its join was quadratic); it is linear now.
  it("warns about a likely republication of a 30,000-row week", async () => {
    const spine = await harness.open();
    const folder = harness.folder();
    // Week 2025-10-03 is first published on 2025-11-03; a file dated 2025-11-24 places as 2025-10-24.
    folder.write("finra_otc_weekly_otc_20251103.csv", largeWeek("2025-11-03"));
    folder.write("finra_otc_weekly_otc_20251124.csv", largeWeek("2025-11-24"));
    for (const name of ["finra_otc_weekly_otc_20251103.csv", "finra_otc_weekly_otc_20251124.csv"]) {
      const run = await spine.dispatcher.submit("otc.ingest_week", {
        file_path: `${folder.directory}/${name}`,
      });
      expect(run.status, run.error ?? "").toBe("completed");
    }
    const checks = await harness.rows<{ status: string; partition_key: string; message: string }>(
      "select status, partition_key, message from core_quality where check_name = 'ingest.likely_republication' order by id",
    );
    expect(checks.map((check) => check.status)).toEqual(["pass", "warn"]);
    expect(checks[1]?.partition_key).toContain("2025-10-24");
    expect(checks[1]?.message).toContain("100.0% of these rows equal 2025-10-03's");
  });

  // A check reads a loaded week's stored row sample, not its rows: with the earlier week's raw rows
  // gone (as after archiving), the republication is still recognised.
  it("recognises a republication of a week whose raw rows are no longer in the database", async () => {
    const spine = await harness.open();
    const folder = harness.folder();
    folder.write("finra_otc_weekly_otc_20251103.csv", largeWeek("2025-11-03"));
    folder.write("finra_otc_weekly_otc_20251124.csv", largeWeek("2025-11-24"));
    const submit = (name: string) =>
      spine.dispatcher.submit("otc.ingest_week", { file_path: `${folder.directory}/${name}` });
    expect((await submit("finra_otc_weekly_otc_20251103.csv")).status).toBe("completed");
    await harness.rows("delete from otc_raw_rows");
    const samples = await harness.rows<{ row_count: number }>(
      "select row_count from core_capture_row_samples",
    );
    expect(samples.map((sample) => Number(sample.row_count))).toEqual([rowCount]);
    expect((await submit("finra_otc_weekly_otc_20251124.csv")).status).toBe("completed");
    const checks = await harness.rows<{ status: string; message: string }>(
      "select status, message from core_quality where check_name = 'ingest.likely_republication' order by id",
    );
    expect(checks.map((check) => check.status)).toEqual(["pass", "warn"]);
    expect(checks[1]?.message).toContain("100.0% of these rows equal 2025-10-03's");
  });
});
