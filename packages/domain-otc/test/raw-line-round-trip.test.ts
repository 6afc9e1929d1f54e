import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { openOtcSpine } from "./support/otc-spine.js";
import { randomDownloadFile } from "./support/random-download-file.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine | undefined;
afterEach(async () => {
  await spine?.cleanup();
  spine = undefined;
});

const download =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

async function ingestAndReadBack(name: string, lines: readonly string[], lineEnding = "\n") {
  if (!spine) throw new Error("no spine");
  const file = join(spine.directory, name);
  writeFileSync(file, lines.join(lineEnding));
  const ingest = await spine.dispatcher.submit("otc.ingest_week", {
    file_path: file,
    tier: "OTC",
    week_ending: "2025-10-03",
  });
  expect(ingest.status).toBe("completed");
  const viewed = await sql<{ raw_line: string }>`select raw_line from otc_raw order by line_number`.execute(
    spine.database.db,
  );
  const stored = await sql<{
    n: number | string;
  }>`select count(*) as n from otc_raw_rows where raw_line is null`.execute(spine.database.db);
  return { lines: viewed.rows.map((row) => row.raw_line), storedAsNull: Number(stored.rows[0]?.n) };
}

describe("integration", () => {
  it("gives back every line of a download-format file exactly, storing the plain ones only as fields", async () => {
    spine = await openOtcSpine();
    const data = [
      "OTC|AAAA|A Inc.|Venue A|MMAA|100|2|2025-11-03",
      "OTC| BBBB |B Inc.|Venue A|MMAA |100|2|2025-11-03",
      'OTC|CCCC|"C, Inc."|Venue A|MMAA|100|2|2025-11-03',
      "OTC|DDDD||Venue A|MMAA|1,000|2|2025-11-03",
      "OTC|EEEE|E Inc.|Venue A|MMAA|100|2|",
      "OTC|short line",
      "OTC|FFFF|F Inc.|Venue A|MMAA|100|2|2025-11-03|extra",
    ];
    const result = await ingestAndReadBack("download.csv", [download, ...data], "\r\n");
    expect(result.lines).toEqual(data);
    // Only AAAA is its fields joined as they are stored (padding, quotes, empty fields and extra
    // columns are not), so only its line is rebuilt rather than stored.
    expect(result.storedAsNull).toBe(1);
  });

  it("reads a file whose lines end in a bare CR line by line", async () => {
    spine = await openOtcSpine();
    const data = [
      "OTC|AAAA|A Inc.|Venue A|MMAA|100|2|2025-11-03",
      "OTC|BBBB|B Inc.|Venue A|MMAA|5|1|2025-11-03",
    ];
    const result = await ingestAndReadBack("bare-cr.csv", [download, ...data, ""], "\r");
    expect(result.lines).toEqual(data);
  });

  it("records a line with a NUL character as malformed on every backend, NUL shown as U+FFFD", async () => {
    spine = await openOtcSpine();
    const data = [
      "OTC|AAAA|A Inc.|Venue A|MMAA|100|2|2025-11-03",
      "OTC|BBBB|B Inc.|Venue A|MMAA|100\u0000abc|2|2025-11-03",
    ];
    const result = await ingestAndReadBack("nul.csv", [download, ...data]);
    expect(result.lines).toEqual([data[0], "OTC|BBBB|B Inc.|Venue A|MMAA|100\uFFFDabc|2|2025-11-03"]);
    if (!spine) throw new Error("no spine");
    const normalize = await spine.dispatcher.submit("otc.normalize_week", {
      tier: "OTC",
      week_ending: "2025-10-03",
    });
    expect(normalize.metrics).toMatchObject({
      rows_read: 2,
      rows_accepted: 1,
      rows_rejected: 1,
      rejects_by_code: { MALFORMED_ROW: 1 },
    });
  });

  it("stores every line of another column layout as read", async () => {
    spine = await openOtcSpine();
    const data = ["2025-10-03|OTC|AAAA|MMAA|100|2", "2025-10-03|OTC|BBBB|MMBB|5|1"];
    const result = await ingestAndReadBack("week-ending.csv", [
      "WeekEnding|Tier|Symbol|MPID|TotalShares|TotalTrades",
      ...data,
    ]);
    expect(result.lines).toEqual(data);
    expect(result.storedAsNull).toBe(0);
  });

  it("stores random download-format files with awkward lines, every data line in one of its two forms", async () => {
    spine = await openOtcSpine();
    for (let seed = 1; seed <= 12; seed += 1) {
      // Each seed is a new revision of the same tier-week; its rows are told apart by capture.
      const file = join(spine.directory, `finra_otc_weekly_otc_20251103_${seed}.csv`);
      writeFileSync(file, randomDownloadFile(seed));
      const ingest = await spine.dispatcher.submit("otc.ingest_week", {
        file_path: file,
        tier: "OTC",
        week_ending: "2025-10-03",
      });
      expect(ingest.status, `seed ${seed}: ${ingest.error}`).toBe("completed");
      const stored = await sql<{ plain: number | string; other: number | string }>`select
        sum(case when raw_line is null then 1 else 0 end) as plain,
        sum(case when raw_line is null then 0 else 1 end) as other
        from otc_raw_rows where capture_id = ${String(ingest.metrics.capture_id)}`.execute(spine.database.db);
      const { plain, other } = { plain: Number(stored.rows[0]?.plain), other: Number(stored.rows[0]?.other) };
      expect(plain + other, `seed ${seed}`).toBe(ingest.metrics.rows_read);
      // Both kinds of line occur: the download-layout fast path and the general path both ran.
      expect(plain, `seed ${seed}`).toBeGreaterThan(200);
      expect(other, `seed ${seed}`).toBeGreaterThan(10);
    }
  }, 120_000);
});
