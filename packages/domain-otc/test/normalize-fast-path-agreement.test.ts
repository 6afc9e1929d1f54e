import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { impliedWeekOfRow } from "@spine/finra";
import { sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import type { NormalizeTally } from "../src/pipelines/support/normalize-rows.js";
import { createRowJudge, repeatedKey } from "../src/pipelines/support/normalize-rows.js";
import type { NormalizeSourceRow } from "../src/pipelines/support/normalize-source-row.js";
import { normalizeSourceColumns } from "../src/pipelines/support/normalize-source-row.js";
import { openOtcSpine } from "./support/otc-spine.js";
import { rebuildReleasedRows } from "./support/released-raw-rows.js";

// Normalize copies "plain" rows with one INSERT ... SELECT and judges the rest in JavaScript. These
// tests run the pipeline on files full of near-plain rows and compare its output with the pure row
// judge applied to every raw row, in line order, as the only path.

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine | undefined;
afterEach(async () => {
  await spine?.cleanup();
  spine = undefined;
});

const counts = [
  "0",
  "7",
  "007",
  "1,000",
  "12.0",
  "12.5",
  " 5",
  "-0",
  "-5",
  "",
  "abc",
  "1e3",
  "０",
  "999999999999999",
];
const longCounts = ["9999999999999999", "12345678901234567890"];
const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate|summaryTypeCode";

function downloadFormatLines(): string[] {
  const lines = [header];
  let symbol = 0;
  const nextSymbol = () => {
    symbol += 1;
    return `S${String(symbol).padStart(3, "0")}`;
  };
  const row = (
    fields: Partial<Record<"tier" | "symbol" | "mpid" | "shares" | "trades" | "date" | "summary", string>>,
  ) =>
    [
      fields.tier ?? "OTC",
      fields.symbol ?? nextSymbol(),
      "Issue",
      "Venue",
      fields.mpid ?? "MMAA",
      fields.shares ?? "100",
      fields.trades ?? "4",
      fields.date ?? "2025-11-03",
      fields.summary ?? "",
    ].join("|");
  for (const shares of [...counts, ...longCounts]) lines.push(row({ shares }));
  for (const trades of [...counts, ...longCounts]) lines.push(row({ trades }));
  for (const tier of ["otc", "OTCE", "NMS Tier 1", "tier1", "bogus", ""]) lines.push(row({ tier }));
  for (const summary of ["OTC_W_SMBL_FIRM", "OTC_W_SMBL", "x"]) lines.push(row({ summary }));
  for (const date of ["2025-11-10", "2025-10-27", "not a date", ""]) lines.push(row({ date }));
  lines.push(row({ symbol: "" }), row({ symbol: "   " }), row({ mpid: "" }), row({ mpid: " MMBB " }));
  lines.push("OTC|broken line");
  // Repeated keys: plain then plain; invalid then plain; plain then judged-valid; judged then plain.
  lines.push(row({ symbol: "DUP1" }), row({ symbol: "DUP1", shares: "5" }));
  lines.push(row({ symbol: "DUP2", shares: "-1" }), row({ symbol: "DUP2" }));
  lines.push(row({ symbol: "DUP3" }), row({ symbol: " DUP3 ", shares: "1,000" }));
  lines.push(
    row({ symbol: "DUP4", shares: "1,000" }),
    row({ symbol: "DUP4" }),
    row({ symbol: "DUP4", mpid: "MMBB" }),
  );
  for (let index = 0; index < 40; index += 1) lines.push(row({ mpid: index % 2 === 0 ? "MMAA" : "MMCC" }));
  return lines;
}

async function rows<T>(query: string): Promise<T[]> {
  if (!spine) throw new Error("no spine");
  return (await sql<T>`${sql.raw(query)}`.execute(spine.database.db)).rows;
}

async function pureVerdicts(weekEnding: string) {
  if (!spine) throw new Error("no spine");
  await rebuildReleasedRows(spine.database);
  const raw = await rows<NormalizeSourceRow>(
    `select ${normalizeSourceColumns.join(", ")} from otc_raw_rows order by line_number`,
  );
  const keyCounts = new Map<string, number>();
  for (const row of raw.filter((entry) => entry.malformed_detail === null)) {
    const key = repeatedKey(row.symbol ?? "", row.mpid ?? "");
    keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
  }
  // The file's own date: the most common lastUpdateDate of rows without a week column, ties to the later.
  const dates = new Map<string, number>();
  for (const row of raw.filter((entry) => entry.week_text === null && entry.last_update_date !== null)) {
    dates.set(String(row.last_update_date), (dates.get(String(row.last_update_date)) ?? 0) + 1);
  }
  const [dominant] = [...dates].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))[0] ?? [];
  const implied = impliedWeekOfRow({ weekText: null, lastUpdateDate: dominant ?? null }, "OTC");
  const tally: NormalizeTally = {
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    acceptedShareVolume: 0,
    acceptedTradeCount: 0,
    rejectsByCode: {},
  };
  const judge = createRowJudge(
    { tier: "OTC", weekEnding, dominantPublicationWeek: implied.ok ? implied.value.weekEnding : null },
    tally,
    "agreement.csv",
    new Set([...keyCounts].filter(([, count]) => count > 1).map(([key]) => key)),
  );
  const verdicts = judge(raw.map((row) => ({ ...row, line_number: Number(row.line_number) })));
  return {
    tally,
    accepted: verdicts.accepted
      .map(({ raw: row, volume }) => ({ ...volume, line_number: Number(row.line_number) }))
      .sort((a, b) => a.line_number - b.line_number),
    rejected: verdicts.rejected
      .map((reject) => ({ line_number: Number(reject.lineNumber), reason_code: reject.reasonCode }))
      .sort((a, b) => a.line_number - b.line_number),
  };
}

describe("integration", () => {
  it("writes exactly the venue rows and rejects the pure row judge decides, plain rows included", async () => {
    spine = await openOtcSpine();
    const file = join(spine.directory, "agreement.csv");
    writeFileSync(file, downloadFormatLines().join("\n"));
    const partition = { tier: "OTC", week_ending: "2025-10-03" };
    const ingest = await spine.dispatcher.submit("otc.ingest_week", { file_path: file, ...partition });
    expect(ingest.status).toBe("completed");
    const normalize = await spine.dispatcher.submit("otc.normalize_week", partition);
    expect(normalize.status).toBe("completed");

    const expected = await pureVerdicts("2025-10-03");
    const venueRows = await rows<Record<string, unknown>>(
      `select symbol, issue_name, mpid, market_participant_name, share_volume, trade_count, avg_trade_size, line_number
       from otc_venue_volume order by line_number`,
    );
    expect(
      venueRows.map((row) => ({
        symbol: row.symbol,
        issueName: row.issue_name,
        mpid: row.mpid,
        marketParticipantName: row.market_participant_name,
        shareVolume: Number(row.share_volume),
        tradeCount: Number(row.trade_count),
        avgTradeSize: row.avg_trade_size === null ? null : Number(row.avg_trade_size),
        line_number: Number(row.line_number),
      })),
    ).toEqual(expected.accepted);
    const rejects = await rows<{ line_number: number; reason_code: string }>(
      "select line_number, reason_code from core_rejects order by line_number",
    );
    expect(rejects.map((row) => ({ ...row, line_number: Number(row.line_number) }))).toEqual(
      expected.rejected,
    );
    expect(normalize.metrics).toMatchObject({
      rows_read: expected.tally.rowsRead,
      rows_accepted: expected.tally.accepted,
      rows_rejected: expected.tally.rejected,
      accepted_share_volume: expected.tally.acceptedShareVolume,
      accepted_trade_count: expected.tally.acceptedTradeCount,
      rejects_by_code: expected.tally.rejectsByCode,
    });
    // Both paths ran: most rows were copied set-based, the rest judged row by row.
    expect(Number(normalize.metrics.rows_copied_set_based)).toBeGreaterThan(40);
    expect(Number(normalize.metrics.rows_copied_set_based)).toBeLessThan(expected.tally.accepted);
    expect(expected.accepted.length).toBeGreaterThan(40);
    expect(expected.rejected.length).toBeGreaterThan(20);
  });

  it("agrees with the pure judge on a file with a week column, where lastUpdateDate is not a week", async () => {
    spine = await openOtcSpine();
    const file = join(spine.directory, "agreement-week-column.csv");
    const lines = [
      "weekStartDate|tierIdentifier|issueSymbolIdentifier|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate",
    ];
    const weeks = ["2025-09-29", "2025-10-03", "2025-10-06", "09/29/2025", "", " 2025-09-29 "];
    weeks.forEach((week, index) => {
      lines.push(`${week}|OTC|W${index}|MMAA|${100 + index}|3|2025-12-01`);
      lines.push(`${week}|OTC|W${index}|MMBB|${200 + index}|0|2025-11-03`);
    });
    writeFileSync(file, lines.join("\n"));
    const partition = { tier: "OTC", week_ending: "2025-10-03" };
    await spine.dispatcher.submit("otc.ingest_week", { file_path: file, ...partition });
    const normalize = await spine.dispatcher.submit("otc.normalize_week", partition);
    expect(normalize.status).toBe("completed");
    const expected = await pureVerdicts("2025-10-03");
    const venueRows = await rows<{
      line_number: number;
      share_volume: number;
      avg_trade_size: number | null;
    }>("select line_number, share_volume, avg_trade_size from otc_venue_volume order by line_number");
    expect(venueRows.map((row) => Number(row.line_number))).toEqual(
      expected.accepted.map((row) => row.line_number),
    );
    expect(venueRows.map((row) => row.avg_trade_size)).toEqual(
      expected.accepted.map((row) => row.avgTradeSize),
    );
    const rejects = await rows<{ line_number: number; reason_code: string }>(
      "select line_number, reason_code from core_rejects order by line_number",
    );
    expect(rejects.map((row) => ({ ...row, line_number: Number(row.line_number) }))).toEqual(
      expected.rejected,
    );
  });

  it("agrees with the pure judge when more keys repeat than the copy can list, and when every row is plain", async () => {
    spine = await openOtcSpine();
    const repeated = join(spine.directory, "agreement-many-repeats.csv");
    const lines = [header];
    for (let index = 0; index < 600; index += 1) {
      const symbol = `R${String(index).padStart(4, "0")}`;
      lines.push(`OTC|${symbol}|Issue|Venue|MMAA|${index}|1|2025-11-03|`);
      lines.push(`OTC|${symbol}|Issue|Venue|MMAA|${index % 3 === 0 ? "x" : String(index + 1)}|1|2025-11-03|`);
    }
    writeFileSync(repeated, lines.join("\n"));
    const partition = { tier: "OTC", week_ending: "2025-10-03" };
    await spine.dispatcher.submit("otc.ingest_week", { file_path: repeated, ...partition });
    const normalize = await spine.dispatcher.submit("otc.normalize_week", partition);
    expect(normalize.status).toBe("completed");
    const expected = await pureVerdicts("2025-10-03");
    const venueRows = await rows<{ line_number: number; share_volume: number }>(
      "select line_number, share_volume from otc_venue_volume order by line_number",
    );
    expect(venueRows.map((row) => [Number(row.line_number), Number(row.share_volume)])).toEqual(
      expected.accepted.map((row) => [row.line_number, row.shareVolume]),
    );
    expect(normalize.metrics).toMatchObject({
      rows_read: 1200,
      rows_accepted: 600,
      rows_rejected: 600,
      rows_copied_set_based: 0,
      rejects_by_code: { DUPLICATE_KEY: 400, INVALID_SHARE_QUANTITY: 200 },
    });

    await spine.cleanup();
    spine = await openOtcSpine();
    const clean = join(spine.directory, "agreement-clean.csv");
    writeFileSync(
      clean,
      [header, "OTC|AAAA|A|V|MMAA|10|3|2025-11-03|", "OTC|AAAA|A|V|MMBB|0|0|2025-11-03|"].join("\n"),
    );
    await spine.dispatcher.submit("otc.ingest_week", { file_path: clean, ...partition });
    const cleanRun = await spine.dispatcher.submit("otc.normalize_week", partition);
    expect(cleanRun.metrics).toMatchObject({ rows_read: 2, rows_accepted: 2, rows_copied_set_based: 2 });
    const avg = await rows<{ avg_trade_size: number | null }>(
      "select avg_trade_size from otc_venue_volume order by mpid",
    );
    expect(avg.map((row) => (row.avg_trade_size === null ? null : Number(row.avg_trade_size)))).toEqual([
      10 / 3,
      null,
    ]);
  });

  it("agrees with the pure judge on a clean download-layout file, with and without ingest's metadata profile", async () => {
    const downloadHeader =
      "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";
    const lines = [downloadHeader];
    for (let index = 0; index < 200; index += 1) {
      const symbol = `C${String(index).padStart(3, "0")}`;
      for (const mpid of ["MMAA", "MMBB", "MMCC"])
        lines.push(
          `OTC|${symbol}|Issue ${index}|Venue ${mpid}|${mpid}|${(index * 37) % 1000}|${index % 9}|2025-11-03`,
        );
    }
    // Clean rows whose keys repeat: the copy keeps one, the judge decides which.
    lines.push(
      "OTC|C007|Issue 7|Venue MMAA|MMAA|5|1|2025-11-03",
      "OTC|C150|Issue 150|Venue MMCC|MMCC|0|0|2025-11-03",
    );
    // Same metadata on every row, but not every row clean: the copy must test each row again.
    const unclean = [
      "OTC| C300 |Issue|Venue|MMAA|10|1|2025-11-03",
      "OTC|C301|Issue|Venue|MMAA|1,000|1|2025-11-03",
      "OTC|C302|Issue|Venue|MMAA|007|1|2025-11-03",
      "OTC|C303|Issue|Venue||5|1|2025-11-03",
      "OTC|C304|Issue|Venue|MMAA|-4|1|2025-11-03",
    ];
    const partition = { tier: "OTC", week_ending: "2025-10-03" };
    const outcomes = [];
    for (const variant of ["clean", "clean without profile", "unclean"] as const) {
      spine = await openOtcSpine();
      const file = join(spine.directory, "agreement-clean-download.csv");
      writeFileSync(file, [...lines, ...(variant === "unclean" ? unclean : [])].join("\n"));
      await spine.dispatcher.submit("otc.ingest_week", { file_path: file, ...partition });
      const profile = await rows<{ row_count: number; clean_row_count: number }>(
        "select row_count, clean_row_count from otc_raw_metadata",
      );
      expect(profile.map((row) => [Number(row.row_count), Number(row.clean_row_count)])).toEqual([
        variant === "unclean" ? [607, 603] : [602, 602],
      ]);
      if (variant === "clean without profile") await rows("delete from otc_raw_metadata");
      const normalize = await spine.dispatcher.submit("otc.normalize_week", partition);
      expect(normalize.status, normalize.error ?? "").toBe("completed");
      const expected = await pureVerdicts("2025-10-03");
      const venueRows = await rows<{ line_number: number; share_volume: number; trade_count: number }>(
        "select line_number, share_volume, trade_count from otc_venue_volume order by line_number",
      );
      expect(
        venueRows.map((row) => [Number(row.line_number), Number(row.share_volume), Number(row.trade_count)]),
      ).toEqual(expected.accepted.map((row) => [row.line_number, row.shareVolume, row.tradeCount]));
      const rejects = await rows<{ line_number: number; reason_code: string }>(
        "select line_number, reason_code from core_rejects order by line_number",
      );
      expect(rejects.map((row) => ({ ...row, line_number: Number(row.line_number) }))).toEqual(
        expected.rejected,
      );
      expect(Number(normalize.metrics.rows_copied_set_based)).toBeGreaterThan(590);
      if (variant !== "unclean") {
        expect(normalize.metrics).toMatchObject({ rows_read: 602, rows_accepted: 600, rows_rejected: 2 });
        outcomes.push(venueRows);
      }
      await spine.cleanup();
      spine = undefined;
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
  });
});
