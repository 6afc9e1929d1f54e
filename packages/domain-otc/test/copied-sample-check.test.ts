import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PipelineContext, QualityCheckInput } from "@spine/platform";
import { rebuildReleasedRawRows, sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { recordCopiedSampleCheck } from "../src/pipelines/support/copied-sample-check.js";
import { otcCaptures } from "../src/pipelines/support/otc-captures.js";
import { openOtcSpine } from "./support/otc-spine.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine | undefined;
afterEach(async () => {
  await spine?.cleanup();
  spine = undefined;
});

const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

async function normalizedWeek(current: OtcSpine) {
  const file = join(current.directory, "sample.csv");
  const rows = Array.from(
    { length: 250 },
    (_, index) => `OTC|S${index}|Issue|Venue|MMAA|${index * 10}|${index % 7}|2025-11-03`,
  );
  writeFileSync(file, [header, ...rows].join("\n"));
  const partition = { tier: "OTC", week_ending: "2025-10-03" };
  await current.dispatcher.submit("otc.ingest_week", { file_path: file, ...partition });
  return current.dispatcher.submit("otc.normalize_week", partition);
}

describe("integration", () => {
  it("passes when the sampled stored rows read back as their raw text parses", async () => {
    spine = await openOtcSpine();
    const normalize = await normalizedWeek(spine);
    expect(normalize.status).toBe("completed");
    const checks = await sql<{ status: string; message: string }>`select status, message from core_quality
      where check_name = 'normalize.stored_rows_match_source'`.execute(spine.database.db);
    expect(checks.rows).toEqual([
      { status: "pass", message: expect.stringContaining("2 sampled venue rows") },
    ]);
  });

  it("fails, naming the line, when a stored number differs from its raw text", async () => {
    spine = await openOtcSpine();
    const normalize = await normalizedWeek(spine);
    const captureId = String(normalize.metrics.capture_id);
    await sql`update otc_venue_volume_rows set share_volume = share_volume + 1 where line_number = 202`.execute(
      spine.database.db,
    );
    // Normalize released the raw rows the check reads: they come back from the stored source.
    const input = await spine.database.db
      .selectFrom("core_captures")
      .selectAll()
      .where("capture_id", "=", String(normalize.metrics.input_capture_id))
      .executeTakeFirstOrThrow();
    await rebuildReleasedRawRows(spine.database, otcCaptures, input);
    const recorded: QualityCheckInput[] = [];
    const context = {
      scope: spine.database,
      quality: { record: async (input: QualityCheckInput) => void recorded.push(input) },
    } as unknown as PipelineContext;
    await recordCopiedSampleCheck(context, {
      captureId,
      inputCaptureId: String(normalize.metrics.input_capture_id),
    });
    expect(recorded).toEqual([
      expect.objectContaining({
        status: "fail",
        severity: "critical",
        actual: 1,
        message: "stored venue rows differ from their raw text at lines 202",
      }),
    ]);
  });

  it("fails the rows-accounted check when a raw row went missing after ingest counted it", async () => {
    spine = await openOtcSpine();
    const file = join(spine.directory, "sample.csv");
    const rows = Array.from(
      { length: 20 },
      (_, index) => `OTC|S${index}|Issue|Venue|MMAA|${index}|1|2025-11-03`,
    );
    writeFileSync(file, [header, ...rows].join("\n"));
    const partition = { tier: "OTC", week_ending: "2025-10-03" };
    await spine.dispatcher.submit("otc.ingest_week", { file_path: file, ...partition });
    await sql`delete from otc_raw_rows where line_number = 7`.execute(spine.database.db);
    const normalize = await spine.dispatcher.submit("otc.normalize_week", partition);
    expect(normalize.status).toBe("failed");
    expect(normalize.error).toContain("normalize.rows_accounted: rows read 20 = accepted 19 + rejected 0");
    const stored = await sql`select * from otc_venue_volume_rows`.execute(spine.database.db);
    expect(stored.rows).toEqual([]);
  });
});
