import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createBackfillHarness } from "./support/backfill-harness.js";
import { generatedPath } from "./support/source-folder.js";

const harness = createBackfillHarness();
afterEach(() => harness.cleanup());

// Week ending 2025-10-03 is first published on 2025-11-03; 2025-11-24 first publishes 2025-10-24.
const original = "finra_otc_weekly_otc_20251103.csv";
const republished = "finra_otc_weekly_otc_20251124.csv";

/** The original file republished on `date`: the first `restated` rows (all when omitted) re-dated, one changed. */
function republication(date: string, restated?: number): string {
  const [header = "", ...rows] = readFileSync(generatedPath(original), "utf8").trimEnd().split("\n");
  const limit = restated ?? rows.length;
  const changed = rows.map((row, index) => {
    if (index >= limit) return row;
    const fields = row.split("|");
    fields[7] = date;
    if (index === 0) fields[5] = String(Number(fields[5]) + 1000);
    return fields.join("|");
  });
  return `${[header, ...changed].join("\n")}\n`;
}

interface IngestCapture {
  week_ending: string;
  source_file: string;
  source_revision: number;
  publication_date: string;
}

const ingestCaptures = () =>
  harness.rows<IngestCapture>(
    "select week_ending, source_file, source_revision, source_last_update_date as publication_date from otc_captures where stage = 'ingest' order by week_ending, capture_number",
  );

describe("integration", () => {
  it("warns, naming the week, when a file whose every row carries the republication date matches a loaded week", async () => {
    await harness.open();
    const folder = harness.folder();
    folder.copyGenerated(original);
    folder.write(republished, republication("2025-11-24"));
    const execution = await harness.backfill({ tier: "otc", source_dir: folder.directory });
    expect(execution.status).toBe("completed");
    // Dates alone place it as week 2025-10-24; its rows say it is 2025-10-03 again: not silent.
    expect(execution.summary.warnings).toEqual(
      expect.arrayContaining([
        {
          tier: "OTC",
          week_ending: "2025-10-24",
          check: "ingest.likely_republication",
          status: "warn",
          message: expect.stringContaining("likely a republication of 2025-10-03"),
        },
      ]),
    );
    const checks = await harness.rows<{ status: string; partition_key: string }>(
      "select status, partition_key from core_quality where check_name = 'ingest.likely_republication' order by id",
    );
    expect(checks.map((check) => check.status)).toEqual(["pass", "warn"]);
  });

  it("places a republication by its earliest date beside the original, newest publication last", async () => {
    await harness.open();
    const folder = harness.folder();
    folder.copyGenerated(original);
    // Only restated rows move their date: the earliest date still names the week's first publication.
    folder.write(republished, republication("2025-11-24", 3));
    const execution = await harness.backfill({ tier: "otc", source_dir: folder.directory });
    expect(execution.status).toBe("completed");
    expect(execution.summary.table.map((row) => [row.week_ending, row.rejects])).toEqual([["2025-10-03", 0]]);
    expect(await ingestCaptures()).toEqual([
      {
        week_ending: "2025-10-03",
        source_file: original,
        source_revision: 1,
        publication_date: "2025-11-03",
      },
      {
        week_ending: "2025-10-03",
        source_file: republished,
        source_revision: 2,
        publication_date: "2025-11-24",
      },
    ]);
  });

  it("orders a tier-week's files by the rows' dates, not by name, and skips none as superseded", async () => {
    await harness.open();
    const folder = harness.folder();
    folder.copyGenerated(original);
    // A name that carries no date: only its rows say it is the newer revision.
    folder.write("a-corrected.csv", republication("2025-11-24", 3));
    const first = await harness.backfill({ tier: "otc", source_dir: folder.directory });
    expect(first.status).toBe("completed");
    expect((await ingestCaptures()).map((capture) => capture.source_file)).toEqual([
      original,
      "a-corrected.csv",
    ]);
    const again = await harness.backfill({ tier: "otc", source_dir: folder.directory, dry_run: true });
    const plan = again.summary.table as unknown as Array<Record<string, unknown>>;
    expect(plan.filter((row) => row.stage === "ingest").map((row) => row.action)).toEqual(["skip", "skip"]);
  });

  it("does not load the original again after the republication was ingested by hand", async () => {
    const spine = await harness.open();
    const folder = harness.folder();
    folder.copyGenerated(original);
    const other = harness.folder();
    other.write(republished, republication("2025-11-24", 3));
    expect((await harness.backfill({ tier: "otc", source_dir: folder.directory })).status).toBe("completed");
    const manual = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: `${other.directory}/${republished}`,
    });
    expect(manual.metrics).toMatchObject({ week_ending: "2025-10-03", source_revision: 2 });
    const routine = await harness.backfill({ tier: "otc", source_dir: folder.directory });
    expect(routine.status).toBe("completed");
    expect(routine.summary.table[0]?.ingest).toBe("skipped");
    expect((await ingestCaptures()).map((capture) => capture.source_revision)).toEqual([1, 2]);
  });

  it("refuses a publication date after today and rows dated after the FINRA name's date", async () => {
    const spine = await harness.open();
    const folder = harness.folder();
    folder.write("finra_otc_weekly_otc_20991228.csv", republication("2099-12-28"));
    folder.write(original, republication("2025-11-24", 3));
    const future = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: `${folder.directory}/finra_otc_weekly_otc_20991228.csv`,
    });
    expect(future.status).toBe("failed");
    expect(future.error).toContain("publication date 2099-12-28 is after today");
    const misnamed = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: `${folder.directory}/${original}`,
    });
    expect(misnamed.status).toBe("failed");
    expect(misnamed.error).toContain("candidate weeks 2025-10-03, 2025-10-24");
  });
});
