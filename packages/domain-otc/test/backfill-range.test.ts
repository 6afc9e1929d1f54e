import { afterEach, describe, expect, it } from "vitest";
import { createBackfillHarness, stageCells } from "./support/backfill-harness.js";
import { generatedDirectory } from "./support/source-folder.js";

const harness = createBackfillHarness();
afterEach(() => harness.cleanup());

// Failure paths of otc.backfill_range: bad folders and parameters, a corrupt file, resume and fail_fast.
describe("integration", () => {
  it("fails naming source_dir and the expected file names when the folder does not exist", async () => {
    await harness.open();
    const execution = await harness.backfill({ source_dir: "/no/such/finra-folder" });
    expect(execution.status).toBe("failed");
    expect(execution.error).toContain("/no/such/finra-folder");
    expect(execution.error).toContain("finra_otc_weekly_{otc|tier1|tier2}_YYYYMMDD.csv");
    expect(await harness.count("select count(*) as n from core_executions")).toBe(1);
  });

  it("fails on a folder without recognised files and lists them as ignored", async () => {
    await harness.open();
    const folder = harness.folder();
    folder.write("README.md", "not data\n");
    const execution = await harness.backfill({ source_dir: folder.directory });
    expect(execution.status).toBe("failed");
    expect(execution.error).toContain(
      `no FINRA OTC files of tier NMS Tier 1, NMS Tier 2, OTC in source_dir ${folder.directory}`,
    );
    expect(execution.error).toContain("{otc|tier1|tier2}_week_YYYY-MM-DD.{csv|psv|txt}");
    expect(execution.summary.ignored_files).toEqual(["README.md"]);
  });

  it("fails naming the range when the folder has no file for it", async () => {
    await harness.open();
    const execution = await harness.backfill({
      tier: "otc",
      start_week: "2024-01-05",
      end_week: "2024-01-12",
      source_dir: generatedDirectory,
    });
    expect(execution.status).toBe("failed");
    expect(execution.error).toContain("no FINRA OTC files of tier OTC for weeks 2024-01-05 .. 2024-01-12");
  });

  it("rejects start_week after end_week and weeks_back with start_week as parameter issues", async () => {
    const opened = await harness.open();
    const submit = (params: Record<string, unknown>) =>
      opened.dispatcher.submit("otc.backfill_range", params);
    await expect(submit({ start_week: "2025-10-10", end_week: "2025-10-03" })).rejects.toThrow(
      /start_week: start_week 2025-10-10 is after end_week 2025-10-03; expected start_week on or before end_week/,
    );
    await expect(submit({ start_week: "2025-10-03", weeks_back: 2 })).rejects.toThrow(
      /weeks_back: give start_week or weeks_back, not both/,
    );
    await expect(submit({ tier: "otc,tier9" })).rejects.toThrow(/tier: unknown tier "tier9"/);
    expect(await harness.count("select count(*) as n from core_executions")).toBe(0);
  });

  it("fails the tier-week of a corrupt file, holds back the windows reading it and keeps the summary table", async () => {
    await harness.open();
    const source = harness.folderWithCorruptMiddleWeek();
    const execution = await harness.backfill({ tier: "OTC", source_dir: source.directory });
    expect(execution.status).toBe("failed");
    expect(execution.error).toMatch(/^1 of 3 tier-weeks failed: OTC 2025-10-10 ingest: .*mpid \(MPID\)/);
    const [first, failed, last] = execution.summary.table;
    expect(first).toMatchObject({ week_ending: "2025-10-03", status: "completed", rows: 568 });
    expect(stageCells(first)).toEqual(["completed", "completed", "completed", "completed", "completed"]);
    expect(failed).toMatchObject({ week_ending: "2025-10-10", status: "failed", rows: null, rejects: null });
    expect(stageCells(failed)).toEqual(["failed", "not run", "not run", "not run", "not run"]);
    // Issue #13, failure 2: the later week's rolling window reads the failed week, so neither its
    // rolling nor its snapshot is computed without it.
    expect(last).toMatchObject({ week_ending: "2025-10-17", status: "not run" });
    expect(stageCells(last)).toEqual(["completed", "completed", "completed", "not run", "not run"]);
    expect(execution.error).toMatch(/; 1 not run: their windows read a failed tier-week$/);
    expect(execution.summary.failed).toEqual([
      {
        tier: "OTC",
        week_ending: "2025-10-10",
        stage: "ingest",
        source_file: "finra_otc_weekly_otc_20251110.csv",
        error: expect.stringContaining("mpid (MPID)"),
      },
      {
        tier: "OTC",
        week_ending: "2025-10-17",
        stage: "rolling",
        source_file: null,
        error: "not run: OTC 2025-10-10 failed in this backfill and the 6-tier-week window reads it",
      },
    ]);
    expect(execution.metrics).toMatchObject({
      weeks_planned: 3,
      weeks_completed: 1,
      weeks_failed: 1,
      weeks_not_run: 1,
      weeks_skipped: 0,
    });
    const stored = await harness.rows<{ status: string; error: string }>(
      `select status, error from core_executions where id = '${execution.id}'`,
    );
    expect(stored).toEqual([{ status: "failed", error: execution.error }]);
  });

  it("resumes after the corrupt file is replaced: done weeks are skipped, the fixed week completes", async () => {
    await harness.open();
    const source = harness.folderWithCorruptMiddleWeek();
    await harness.backfill({ tier: "OTC", source_dir: source.directory });
    source.copyGenerated("finra_otc_weekly_otc_20251110.csv");
    const rerun = await harness.backfill({ tier: "OTC", source_dir: source.directory });
    expect(rerun.status).toBe("completed");
    expect(rerun.error).toBeNull();
    const [first, fixed, last] = rerun.summary.table;
    expect(stageCells(first)).toEqual(["skipped", "skipped", "skipped", "skipped", "skipped"]);
    expect(first?.status).toBe("skipped");
    expect(stageCells(fixed)).toEqual(["completed", "completed", "completed", "completed", "completed"]);
    // The fixed week's aggregate makes the later week's rolling window stale, so only that recomputes.
    expect(stageCells(last)).toEqual(["skipped", "skipped", "skipped", "completed", "completed"]);
    expect(rerun.metrics).toMatchObject({
      weeks_planned: 3,
      weeks_completed: 2,
      weeks_failed: 0,
      weeks_skipped: 1,
    });
    expect(await harness.count("select count(*) as n from core_manifest where domain = 'otc'")).toBe(15);
  });

  it("stops at the first failed tier-week with fail_fast and reports the rest as not run", async () => {
    await harness.open();
    const source = harness.folderWithCorruptMiddleWeek();
    const execution = await harness.backfill({ tier: "OTC", source_dir: source.directory, fail_fast: true });
    expect(execution.status).toBe("failed");
    expect(execution.error).toContain("1 of 3 tier-weeks failed");
    // The first week loaded but its rolling window never ran, so it is unfinished too.
    expect(execution.error).toContain("2 not run after the first failure (fail_fast)");
    expect(execution.summary.table.map((row) => row.status)).toEqual(["not run", "failed", "not run"]);
    expect(stageCells(execution.summary.table[0])).toEqual([
      "completed",
      "completed",
      "completed",
      "not run",
      "not run",
    ]);
    expect(stageCells(execution.summary.table[2])).toEqual([
      "not run",
      "not run",
      "not run",
      "not run",
      "not run",
    ]);
    expect(
      await harness.count("select count(*) as n from otc_captures where week_ending = '2025-10-17'"),
    ).toBe(0);
  });
});
