import { mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { type AtsSpine, openAtsSpine } from "./support/ats-spine.js";

// OTC week ending 2025-09-12 is first published on 2025-10-13; FINRA republishes it on 2025-11-03
// under the name of that day, which alone would place it as week 2025-10-03 (issue #12, failure 1).
const original = "finra_ats_weekly_otc_20251013.csv";
const republished = "finra_ats_weekly_otc_20251103.csv";
const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";
const symbols = ["QAAT", "QBBT", "QCCT", "QDDT"];

/** The week's rows dated `date`; the first `restated` rows dated `restatedOn` with their shares raised. */
function weekFile(date: string, restated = 0, restatedOn = date): string {
  const rows = symbols.flatMap((symbol, index) =>
    ["ZQAA", "ZQBB"].map((mpid, venue) => {
      const row = index * 2 + venue;
      const shares = 1000 * (row + 1) + (row < restated ? 500 : 0);
      return `OTC|${symbol}|${symbol} Inc.|${mpid} ATS|${mpid}|${shares}|${row + 3}|${row < restated ? restatedOn : date}`;
    }),
  );
  return `${[header, ...rows].join("\n")}\n`;
}

let ats: AtsSpine | undefined;
const folders: string[] = [];
afterEach(async () => {
  await ats?.dispose();
  ats = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "spine-ats-placement-"));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const ingestCaptures = async (spine: AtsSpine) =>
  (
    await sql<{
      partition_key: string;
      source_file: string;
      source_revision: number;
      publication_date: string;
    }>`
      select partition_key, source_file, source_revision, publication_date from core_captures
      where domain = 'ats' and stage = 'ingest' order by capture_number, created_at`.execute(
      spine.spine.database.db,
    )
  ).rows.map((row) => [
    JSON.parse(row.partition_key).week_ending,
    row.source_file,
    Number(row.source_revision),
    row.publication_date,
  ]);

describe("integration: ATS files placed by FINRA's dates, as OTC files are", () => {
  it("places a republication named as FINRA names it on its original week, newest publication latest", async () => {
    ats = await openAtsSpine();
    const folder = folderWith({
      [original]: weekFile("2025-10-13"),
      [republished]: weekFile("2025-10-13", 3, "2025-11-03"),
    });
    const run = await ats.spine.dispatcher.submit("ats.backfill_range", { source_dir: folder });
    expect(run.status, run.error ?? "").toBe("completed");
    expect(await ingestCaptures(ats)).toEqual([
      ["2025-09-12", original, 1, "2025-10-13"],
      ["2025-09-12", republished, 2, "2025-11-03"],
    ]);
    const definition = ats.spine.registry.getQuery("ats.venue_shares");
    const shares = await definition.run(
      { scope: ats.spine.database, logger: ats.spine.logger },
      definition.params.parse({ tier: "OTC", week_ending: "2025-09-12" }),
    );
    // Restated: rows 1-3 gain 500 shares each, ZQAA two of them (rows 1 and 3), ZQBB one (row 2).
    expect(shares.map((venue) => [venue.mpid, Number(venue.shares)])).toEqual([
      ["ZQBB", 2000 + 4000 + 6000 + 8000 + 500],
      ["ZQAA", 1000 + 3000 + 5000 + 7000 + 1000],
    ]);
  });

  it("remembers where each download was placed (not on a dry run) and forgets a file once it is gone", async () => {
    ats = await openAtsSpine();
    const folder = folderWith({
      [original]: weekFile("2025-10-13"),
      [republished]: weekFile("2025-10-13", 3, "2025-11-03"),
    });
    // Files written a moment ago may still change unseen and are never remembered.
    for (const name of [original, republished]) utimesSync(join(folder, name), 1_700_000_000, 1_700_000_000);
    const remembered = async () =>
      (
        await ats?.spine.database.db
          .selectFrom("core_source_file_facts")
          .select(["domain", "path", "facts"])
          .orderBy("path")
          .execute()
      )?.map((row) => [row.domain, row.path.slice(folder.length + 1), JSON.parse(row.facts).weekEnding]);
    await ats.spine.dispatcher.plan("ats.backfill_range", { source_dir: folder });
    expect(await remembered()).toEqual([]);
    const run = await ats.spine.dispatcher.submit("ats.backfill_range", { source_dir: folder });
    expect(run.status, run.error ?? "").toBe("completed");
    expect(await remembered()).toEqual([
      ["ats", original, "2025-09-12"],
      ["ats", republished, "2025-09-12"],
    ]);
    unlinkSync(join(folder, republished));
    const again = await ats.spine.dispatcher.submit("ats.backfill_range", { source_dir: folder });
    expect(again.status, again.error ?? "").toBe("completed");
    expect(await remembered()).toEqual([["ats", original, "2025-09-12"]]);
  });

  it("refuses rows dated after the FINRA name's date, and a publication date after today", async () => {
    ats = await openAtsSpine();
    const folder = folderWith({
      [original]: weekFile("2025-10-13", 3, "2025-11-03"),
      "finra_ats_weekly_otc_20991228.csv": weekFile("2099-12-28"),
    });
    const misnamed = await ats.spine.dispatcher.submit("ats.ingest_week", {
      file_path: join(folder, original),
    });
    expect(misnamed.status).toBe("failed");
    expect(misnamed.error).toContain("candidate weeks 2025-09-12, 2025-10-03");
    const future = await ats.spine.dispatcher.submit("ats.ingest_week", {
      file_path: join(folder, "finra_ats_weekly_otc_20991228.csv"),
    });
    expect(future.status).toBe("failed");
    expect(future.error).toContain("publication date 2099-12-28 is after today");
  });

  it("refuses a file whose rows carry one key under two publication dates, naming the candidate weeks", async () => {
    ats = await openAtsSpine();
    const twice = `${weekFile("2025-10-13").trimEnd()}\nOTC|QAAT|QAAT Inc.|ZQAA ATS|ZQAA|99|1|2025-10-20\n`;
    const folder = folderWith({ "renamed.psv": twice });
    const run = await ats.spine.dispatcher.submit("ats.ingest_week", {
      file_path: join(folder, "renamed.psv"),
    });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("QAAT|ZQAA is dated 2025-10-13 and 2025-10-20");
    expect(run.error).toContain("candidate weeks 2025-09-12, 2025-09-19");
  });
});
