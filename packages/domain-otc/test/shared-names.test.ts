import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FINRA_DOWNLOAD_COLUMNS, FINRA_DOWNLOAD_DELIMITER } from "@spine/finra";
import { sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBackfilledDownload } from "./support/backfilled-download.js";
import { runQuery } from "./support/run-query.js";

type OtcSpine = Awaited<ReturnType<typeof openBackfilledDownload>>;

// A FINRA download of OTC week ending 2025-12-12. AAAA's and DDDD's lines all give one name (DDDD
// repeats a key, so its rows go through the row judge); BBBB is spelled two ways and CCCC has a
// line without a name; VONE is named alike on every line, VTWO two ways.
const header = FINRA_DOWNLOAD_COLUMNS.join(FINRA_DOWNLOAD_DELIMITER);
const lines = [
  "OTC|AAAA|Aaaa Inc.|Venue One|VONE|100|2|2026-01-12",
  "OTC|AAAA|Aaaa Inc.|Venue Two|VTWO|200|1|2026-01-12",
  "OTC|BBBB|Bbbb Incorporated|Venue One|VONE|300|3|2026-01-12",
  "OTC|BBBB|Bbbb Inc.|Venue 2|VTWO|400|1|2026-01-12",
  "OTC|CCCC||Venue One|VONE|500|7|2026-01-12",
  "OTC|CCCC|Cccc Ltd.|Venue Two|VTWO|600|1|2026-01-12",
  "OTC|DDDD|Dddd Corp.|Venue One|VONE|700|1|2026-01-12",
  "OTC|DDDD|Dddd Corp.|Venue One|VONE|800|1|2026-01-12",
];
const week = { tier: "OTC", week_ending: "2025-12-12" };
const fieldsOf = (line: string) => line.split("|");

describe("integration: names kept once per source file", () => {
  let spine: OtcSpine;
  beforeAll(async () => {
    spine = await openBackfilledDownload("finra_otc_weekly_otc_20260112.csv", [header, ...lines]);
  }, 120_000);
  afterAll(() => spine.cleanup());

  const rowsOf = async (from: string) =>
    (
      await sql<{
        line_number: unknown;
        symbol: string;
        issue_name: string | null;
        mpid: string;
        market_participant_name: string | null;
      }>`
        select line_number, symbol, issue_name, mpid, market_participant_name from ${sql.table(from)}
        order by line_number`.execute(spine.database.db)
    ).rows.map((row) => [
      Number(row.line_number),
      row.symbol,
      row.issue_name,
      row.mpid,
      row.market_participant_name,
    ]);

  it("stores a name once where every line of the symbol or MPID gives it, and on the row elsewhere", async () => {
    const issues = await sql<{
      symbol: string;
      issue_name: string;
    }>`select symbol, issue_name from otc_issue_names
      order by symbol`.execute(spine.database.db);
    expect(issues.rows).toEqual([
      { symbol: "AAAA", issue_name: "Aaaa Inc." },
      { symbol: "DDDD", issue_name: "Dddd Corp." },
    ]);
    const venues = await sql<{ mpid: string }>`select mpid from otc_participant_names`.execute(
      spine.database.db,
    );
    expect(venues.rows).toEqual([{ mpid: "VONE" }]);
    // DDDD/VONE is on lines 8 and 9: the row judge keeps line 8, and writes its names on the row.
    expect(await rowsOf("otc_venue_volume_rows")).toEqual([
      [2, "AAAA", null, "VONE", null],
      [3, "AAAA", null, "VTWO", "Venue Two"],
      [4, "BBBB", "Bbbb Incorporated", "VONE", null],
      [5, "BBBB", "Bbbb Inc.", "VTWO", "Venue 2"],
      [6, "CCCC", null, "VONE", null],
      [7, "CCCC", "Cccc Ltd.", "VTWO", "Venue Two"],
      [8, "DDDD", "Dddd Corp.", "VONE", "Venue One"],
    ]);
  });

  it("shows every venue row with the names of its own line", async () => {
    // An empty field is no name (NULL), as ingest stores it.
    const own = (lineNumber: number) => {
      const [, symbol, issue, participant, mpid] = fieldsOf(lines[lineNumber - 2] ?? "");
      return [lineNumber, symbol, issue || null, mpid, participant || null];
    };
    const shown = await rowsOf("otc_venue_volume_latest");
    expect(shown.map(([lineNumber]) => lineNumber)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(shown).toEqual(shown.map(([lineNumber]) => own(Number(lineNumber))));
  });

  it("names each symbol and venue in the aggregates as the venue rows' lines do", async () => {
    const summary = await sql<{ symbol: string; issue_name: string | null }>`select symbol, issue_name
      from otc_symbol_summary_latest order by symbol`.execute(spine.database.db);
    expect(summary.rows.filter((row) => row.symbol !== "CCCC")).toEqual([
      { symbol: "AAAA", issue_name: "Aaaa Inc." },
      { symbol: "BBBB", issue_name: "Bbbb Inc." },
      { symbol: "DDDD", issue_name: "Dddd Corp." },
    ]);
    const shares = await runQuery(spine, "otc.venue_shares", week);
    expect(shares.map((venue) => [venue.mpid, venue.market_participant_name])).toEqual([
      ["VONE", "Venue One"],
      ["VTWO", "Venue 2"],
    ]);
    const snapshot = await sql<{ symbol: string; issue_name: string | null }>`select symbol, issue_name
      from otc_research_snapshot_latest order by symbol`.execute(spine.database.db);
    expect(snapshot.rows).toEqual(summary.rows);
  });

  it("compares normalize captures by the names their rows show", async () => {
    const forced = await spine.dispatcher.submit("otc.normalize_week", week, { force: true });
    expect(forced.status, forced.error ?? "").toBe("completed");
    const compare = (b: number, details = false) =>
      runQuery(spine, "otc.compare_captures", {
        capture_a: "normalize:otc:2025-12-12:1",
        capture_b: `normalize:otc:2025-12-12:${b}`,
        ...(details ? { details: true } : {}),
      });
    expect((await compare(2)).map((table) => [table.table, table.identical])).toEqual([
      ["otc_venue_volume_rows", true],
    ]);
    // FINRA republishes the week with AAAA renamed: both captures store NULL on AAAA's rows, and
    // the comparison still sees the new name, as a reader of either capture would.
    const republished = join(spine.folder, "finra_otc_weekly_otc_20260119.csv");
    const renamed = lines.map((line) =>
      line.replace("Aaaa Inc.", "Aaaa Holdings").replace("2026-01-12", "2026-01-19"),
    );
    writeFileSync(republished, `${[header, ...renamed].join("\n")}\n`);
    const ingested = await spine.dispatcher.submit("otc.ingest_week", { ...week, file_path: republished });
    expect(ingested.status, ingested.error ?? "").toBe("completed");
    const normalized = await spine.dispatcher.submit("otc.normalize_week", week);
    expect(normalized.status, normalized.error ?? "").toBe("completed");
    const changed = (await compare(3, true)).map((row) => [
      row.key,
      row.column,
      row.capture_a,
      row.capture_b,
    ]);
    expect(changed).toEqual([
      ['["AAAA","VONE"]', "issue_name", "Aaaa Inc.", "Aaaa Holdings"],
      ['["AAAA","VTWO"]', "issue_name", "Aaaa Inc.", "Aaaa Holdings"],
    ]);
  });
});
