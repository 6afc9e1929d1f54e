import { afterEach, describe, expect, it } from "vitest";
import { createBackfillHarness, stageCells } from "./support/backfill-harness.js";
import { generatedDirectory, withChangedFirstRow } from "./support/source-folder.js";

const harness = createBackfillHarness();
afterEach(() => harness.cleanup());

// Successful paths of otc.backfill_range: dry run, child linkage, republished files and a full backfill.
describe("integration", () => {
  it("plans a dry run after a partial backfill without submitting children or writing data", async () => {
    const opened = await harness.open();
    await harness.backfill({
      tier: "otc",
      start_week: "2025-10-03",
      end_week: "2025-10-03",
      source_dir: generatedDirectory,
    });
    const executionsBefore = await harness.count("select count(*) as n from core_executions");
    const rawBefore = await harness.count("select count(*) as n from otc_raw");
    const params = {
      tier: "otc",
      start_week: "2025-10-03",
      end_week: "2025-10-10",
      source_dir: generatedDirectory,
    };
    const dryRun = await harness.backfill({ ...params, dry_run: true });
    expect(dryRun.status).toBe("completed");
    expect(await harness.count("select count(*) as n from core_executions")).toBe(executionsBefore + 1);
    expect(
      await harness.count(
        `select count(*) as n from core_executions where parent_execution_id = '${dryRun.id}'`,
      ),
    ).toBe(0);
    expect(await harness.count("select count(*) as n from otc_raw")).toBe(rawBefore);
    const plan = (
      dryRun.output as {
        table: Array<{ week_ending: string; stage: string; action: string; reason: string }>;
      }
    ).table;
    expect(plan.map((row) => `${row.week_ending} ${row.stage} ${row.action}`)).toEqual([
      "2025-10-03 ingest skip",
      "2025-10-03 normalize skip",
      "2025-10-03 aggregate skip",
      "2025-10-10 ingest run",
      "2025-10-10 normalize run",
      "2025-10-10 aggregate run",
      "2025-10-03 rolling skip",
      "2025-10-03 snapshot skip",
      "2025-10-10 rolling run",
      "2025-10-10 snapshot run",
    ]);
    expect(plan[0]?.reason).toMatch(/^otc_week_2025-10-03\.csv: already done by execution/);
    expect(plan[3]?.reason).toBe("otc_week_2025-10-10.csv: not done yet");
    const cliPlan = await opened.dispatcher.plan("otc.backfill_range", params);
    expect(cliPlan).toMatchObject({ action: "run", reason: "5 of 10 steps would run" });
    expect(cliPlan.steps?.map((step) => step.action)).toEqual(plan.map((row) => row.action));
  });

  it("links every child to the backfill execution and its batch", async () => {
    await harness.open();
    const execution = await harness.backfill({
      tier: "tier1",
      weeks_back: 2,
      source_dir: generatedDirectory,
    });
    expect(execution.status).toBe("completed");
    // Portable tie-break (no rowid on PostgreSQL): children run one after another, so within one
    // millisecond of created_at the earlier child has also finished earlier.
    const children = await harness.rows<{ pipeline: string; batch_id: string; status: string }>(
      `select pipeline, batch_id, status from core_executions where parent_execution_id = '${execution.id}' order by created_at, started_at, finished_at`,
    );
    expect(children.map((child) => child.pipeline)).toEqual([
      "otc.ingest_week",
      "otc.normalize_week",
      "otc.aggregate_week",
      "otc.ingest_week",
      "otc.normalize_week",
      "otc.aggregate_week",
      "otc.compute_rolling",
      "otc.research_snapshot_week",
      "otc.compute_rolling",
      "otc.research_snapshot_week",
    ]);
    expect(new Set(children.map((child) => child.batch_id))).toEqual(new Set([execution.batchId]));
    expect(children.every((child) => child.status === "completed")).toBe(true);
  });

  it("ingests two files of one tier-week oldest first, the newer becoming revision 2, and skips both on rerun", async () => {
    await harness.open();
    const folder = harness.folder();
    // A Wednesday date in the name still publishes week ending 2025-10-03 (floored to its Monday).
    folder.copyGenerated("finra_otc_weekly_otc_20251103.csv");
    folder.write(
      "finra_otc_weekly_otc_20251105.csv",
      withChangedFirstRow("finra_otc_weekly_otc_20251103.csv", 999_999),
    );
    const execution = await harness.backfill({ tier: "otc", source_dir: folder.directory });
    expect(execution.status).toBe("completed");
    expect(execution.summary.table).toHaveLength(1);
    const captures = await harness.rows<{ source_file: string; source_revision: number }>(
      "select source_file, source_revision from otc_captures where stage = 'ingest' order by source_revision",
    );
    expect(captures).toEqual([
      { source_file: "finra_otc_weekly_otc_20251103.csv", source_revision: 1 },
      { source_file: "finra_otc_weekly_otc_20251105.csv", source_revision: 2 },
    ]);
    const normalized = await harness.rows<{ source_revision: number }>(
      "select source_revision from otc_captures_latest where stage = 'normalize'",
    );
    expect(normalized).toEqual([{ source_revision: 2 }]);
    const changed = await harness.rows<{ share_volume: number }>(
      "select share_volume from otc_venue_volume_latest where line_number = 2",
    );
    expect(changed).toEqual([{ share_volume: 999_999 }]);
    const rerun = await harness.backfill({ tier: "otc", source_dir: folder.directory });
    expect(rerun.summary.table[0]?.status).toBe("skipped");
    expect(await harness.count("select count(*) as n from otc_captures where stage = 'ingest'")).toBe(2);
  });

  it("backfills eight OTC weeks of the generated fixtures through all five stages", async () => {
    await harness.open();
    const execution = await harness.backfill({ tier: "OTC", weeks_back: 8, source_dir: generatedDirectory });
    expect(execution.status).toBe("completed");
    expect(execution.summary.table.map((row) => row.week_ending)).toEqual([
      "2025-09-12",
      "2025-09-19",
      "2025-09-26",
      "2025-10-03",
      "2025-10-10",
      "2025-10-17",
      "2025-10-24",
      "2025-10-31",
    ]);
    for (const row of execution.summary.table) {
      expect(row).toMatchObject({ tier: "OTC", status: "completed" });
      expect(stageCells(row)).toEqual(["completed", "completed", "completed", "completed", "completed"]);
      expect(row.rows).toBe(Number(row.rows));
    }
    expect(execution.metrics).toMatchObject({
      weeks_planned: 8,
      weeks_completed: 8,
      weeks_failed: 0,
      range_start: "2025-09-12",
      range_end: "2025-10-31",
    });
    // Grouped here rather than with group_concat, which PostgreSQL does not have.
    const stageRows = await harness.rows<{ partition_key: string; stage: string }>(
      "select partition_key, stage from core_manifest where domain = 'otc'",
    );
    const stagesByPartition = new Map<string, string[]>();
    for (const row of stageRows)
      stagesByPartition.set(row.partition_key, [
        ...(stagesByPartition.get(row.partition_key) ?? []),
        row.stage,
      ]);
    const manifest = [...stagesByPartition.values()].map((stages) => ({ stages: stages.join(",") }));
    expect(manifest).toHaveLength(8);
    for (const entry of manifest)
      expect(entry.stages.split(",").sort()).toEqual([
        "aggregate",
        "ingest",
        "normalize",
        // Each window size is its own manifest entry (issue #13, failure 11).
        "rolling@window_6",
        "snapshot@window_6",
      ]);
  });
});
