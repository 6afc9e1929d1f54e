import { afterEach, describe, expect, it } from "vitest";
import type { Spine } from "../src/index.js";
import { seriesDomain } from "./support/series-domain.js";
import { openTemporarySpine } from "./support/temporary-spine.js";

let spine: (Spine & { directory: string }) | undefined;
afterEach(async () => {
  await spine?.close();
  spine = undefined;
});

const days = ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"];

async function open() {
  spine = await openTemporarySpine({ domains: [seriesDomain] });
  return spine;
}

function inputsFor(series: string, names: Record<string, readonly string[]> = {}) {
  return Object.fromEntries(days.map((day) => [`${series}|${day}`, names[day] ?? [`${day}.csv`]]));
}

async function manifestStages(opened: Spine, series: string, day: string): Promise<string[]> {
  const entries = await opened.database.db
    .selectFrom("core_manifest")
    .select(["stage", "partition_key"])
    .where("domain", "=", "series")
    .where("stale_reason", "is", null)
    .execute();
  return entries
    .filter((entry) => entry.partition_key === JSON.stringify({ day, series }))
    .map((entry) => entry.stage)
    .sort();
}

interface Summary {
  table: Array<Record<string, unknown>>;
  failed: Array<Record<string, unknown>>;
}

describe("integration", () => {
  it("backfills every stage of every partition, windows last, and summarizes per partition", async () => {
    const opened = await open();
    const run = await opened.dispatcher.submit("series.backfill", { inputs: inputsFor("a") });
    expect(run.status, run.error ?? "").toBe("completed");
    const summary = run.output as Summary;
    expect(summary.table[0]).toEqual({
      series: "a",
      day: "2025-01-01",
      load: "completed",
      total: "completed",
      window: "completed",
      report: "completed",
      rows: 10,
      status: "completed",
    });
    expect(run.metrics).toMatchObject({ days_planned: 4, days_completed: 4, days_failed: 0 });
    const rerun = await opened.dispatcher.submit("series.backfill", { inputs: inputsFor("a") });
    expect(rerun.metrics).toMatchObject({ days_planned: 4, days_skipped: 4 });
  });

  it("isolates a failing partition, names it in the failure, and stops everything with fail_fast", async () => {
    const opened = await open();
    const inputs = inputsFor("a", { "2025-01-02": ["bad.csv"] });
    const run = await opened.dispatcher.submit("series.backfill", { inputs });
    expect(run.status).toBe("failed");
    expect(run.error).toBe("1 of 4 series-days failed: a 2025-01-02 load: cannot read bad.csv");
    const summary = run.output as Summary;
    expect(summary.table.map((row) => row.status)).toEqual(["completed", "failed", "completed", "completed"]);
    expect(summary.failed).toEqual([
      { series: "a", day: "2025-01-02", stage: "load", source_file: "bad.csv", error: "cannot read bad.csv" },
    ]);
    // `only` narrows a rerun to the partitions in those states: the failed day (whose later stages
    // are missing too); done days are left alone.
    const failedOnly = await opened.dispatcher.submit("series.backfill", {
      inputs,
      only: "failed",
      dry_run: true,
    });
    const planned = (failedOnly.output as { table: Array<{ day: string }> }).table.map((row) => row.day);
    expect([...new Set(planned)]).toEqual(["2025-01-02"]);
    const missing = await opened.dispatcher.submit("series.backfill", {
      inputs,
      only: "missing,stale",
      dry_run: true,
    });
    expect((missing.output as { table: Array<{ day: string }> }).table.map((row) => row.day)).toContain(
      "2025-01-02",
    );
    const stopped = await opened.dispatcher.submit("series.backfill", {
      inputs,
      fail_fast: true,
      force: true,
    });
    expect((stopped.output as Summary).table.map((row) => row.status)).toEqual([
      "not run",
      "failed",
      "not run",
      "not run",
    ]);
  });

  it("plans a dry run: a changed total makes the later windows of its series stale", async () => {
    const opened = await open();
    await opened.dispatcher.submit("series.backfill", { inputs: inputsFor("a") });
    const inputs = inputsFor("a", { "2025-01-02": ["2025-01-02.csv", "2025-01-02-v2.csv"] });
    const plan = await opened.dispatcher.submit("series.backfill", { inputs, dry_run: true });
    const table = (plan.output as Summary).table.map((row) => `${row.day} ${row.stage} ${row.action}`);
    expect(table).toEqual([
      "2025-01-01 load skip",
      "2025-01-01 total skip",
      "2025-01-02 load skip",
      "2025-01-02 load run",
      "2025-01-02 total run",
      "2025-01-03 load skip",
      "2025-01-03 total skip",
      "2025-01-04 load skip",
      "2025-01-04 total skip",
      "2025-01-01 window skip",
      "2025-01-01 report skip",
      "2025-01-02 window run",
      "2025-01-02 report run",
      "2025-01-03 window run",
      "2025-01-03 report run",
      "2025-01-04 window run",
      "2025-01-04 report run",
    ]);
    const reasons = (plan.output as Summary).table.map((row) => row.reason);
    expect(reasons[4]).toBe("an earlier stage of this series-day runs first and invalidates it");
    expect(reasons[13]).toBe("a total in this window runs first and makes it stale");
    expect(reasons[14]).toBe("its window window runs first and invalidates it");
  });

  it("invalidates the window stages of later partitions within the window when a read stage runs", async () => {
    const opened = await open();
    await opened.dispatcher.submit("series.backfill", { inputs: { ...inputsFor("a"), ...inputsFor("b") } });
    await opened.dispatcher.submit("series.backfill", {
      inputs: { "a|2025-01-05": ["2025-01-05.csv"], "a|2025-01-06": ["2025-01-06.csv"] },
    });
    const total = await opened.dispatcher.submit(
      "series.total",
      { series: "a", day: "2025-01-02" },
      { force: true },
    );
    // Windows of 3 days ending on the 3rd and 4th read the 2nd; the 5th's starts on the 3rd.
    expect(total.metrics).toMatchObject({
      invalidatedStages: ["window", "report"],
      invalidatedLaterWindows: 4,
    });
    expect(await manifestStages(opened, "a", "2025-01-03")).toEqual(["load", "total"]);
    expect(await manifestStages(opened, "a", "2025-01-04")).toEqual(["load", "total"]);
    expect(await manifestStages(opened, "a", "2025-01-05")).toEqual(["load", "report", "total", "window"]);
    expect(await manifestStages(opened, "a", "2025-01-01")).toEqual(["load", "report", "total", "window"]);
    expect(await manifestStages(opened, "b", "2025-01-03")).toEqual(["load", "report", "total", "window"]);
    const forgotten = await opened.dispatcher.submit("series.forget_total", {
      series: "a",
      day: "2025-01-04",
    });
    // The 4th's total sits in the windows ending on the 5th and 6th: two stages each.
    expect(forgotten.metrics).toMatchObject({ removed: 4 });
    expect(await manifestStages(opened, "a", "2025-01-05")).toEqual(["load", "total"]);
    expect(await manifestStages(opened, "a", "2025-01-06")).toEqual(["load", "total"]);
  });
});
