import { afterEach, describe, expect, it } from "vitest";
import { createBackfillHarness } from "./support/backfill-harness.js";
import { runQuery } from "./support/run-query.js";

const harness = createBackfillHarness();
afterEach(() => harness.cleanup());

const gapCheck = "backfill.no_missing_partitions";

describe("integration: a missing week inside a backfilled range is a stored quality check", () => {
  it("warns per tier naming the missing week (absent file), and passes once it is loaded", async () => {
    const spine = await harness.open();
    const folder = harness.folder();
    folder.copyGenerated("finra_otc_weekly_otc_20251103.csv");
    folder.copyGenerated("finra_otc_weekly_otc_20251117.csv");
    const first = await harness.backfill({ tier: "otc", source_dir: folder.directory });
    expect(first.status, first.error ?? "").toBe("completed");
    const warning = {
      tier: "OTC",
      week_ending: "2025-10-17",
      check: gapCheck,
      status: "warn",
      message: "1 tier-week(s) missing in OTC 2025-10-03 .. 2025-10-17: 2025-10-10",
    };
    expect(first.summary.warnings).toContainEqual(warning);
    const stored = await runQuery(spine, "otc.quality", { tier: "OTC" });
    expect(stored.filter((check) => check.check_name === gapCheck)).toMatchObject([
      { week_ending: "2025-10-17", status: "warn", severity: "warn", actual_value: "1", expected_value: "0" },
    ]);
    folder.copyGenerated("finra_otc_weekly_otc_20251110.csv");
    const second = await harness.backfill({ tier: "otc", source_dir: folder.directory });
    expect(second.status, second.error ?? "").toBe("completed");
    expect(second.summary.warnings.filter((row) => row.check === gapCheck)).toEqual([]);
    const checks = await runQuery(spine, "otc.quality", { tier: "OTC" });
    expect(checks.filter((check) => check.check_name === gapCheck).map((check) => check.status)).toEqual([
      "warn",
      "pass",
    ]);
  });

  it("counts a week that failed to load as missing", async () => {
    const spine = await harness.open();
    const folder = harness.folderWithCorruptMiddleWeek();
    const run = await harness.backfill({ tier: "otc", source_dir: folder.directory });
    expect(run.status).toBe("failed");
    const checks = await runQuery(spine, "otc.quality", { tier: "OTC", status: "warn" });
    expect(checks.filter((check) => check.check_name === gapCheck)).toMatchObject([
      { message: "1 tier-week(s) missing in OTC 2025-10-03 .. 2025-10-17: 2025-10-10" },
    ]);
  });
});
