import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readStoredSource, sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { fixturesDirectory, openOtcSpine } from "./support/otc-spine.js";
import { testBackend } from "./support/test-backend.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine | undefined;
afterEach(async () => {
  await spine?.cleanup();
  spine = undefined;
});

const edgeCase = (name: string) => join(fixturesDirectory, "edge-cases", name);

async function rows<T>(query: string): Promise<T[]> {
  if (!spine) throw new Error("no spine");
  return (await sql<T>`${sql.raw(query)}`.execute(spine.database.db)).rows;
}

async function runWeek(file: string, params: Record<string, string> = {}) {
  if (!spine) throw new Error("no spine");
  const ingest = await spine.dispatcher.submit("otc.ingest_week", { file_path: file, ...params });
  if (ingest.status !== "completed") return { ingest };
  const partition = { tier: String(ingest.metrics.tier), week_ending: String(ingest.metrics.week_ending) };
  const normalize = await spine.dispatcher.submit("otc.normalize_week", partition);
  const aggregate = await spine.dispatcher.submit("otc.aggregate_week", partition);
  return { ingest, normalize, aggregate };
}

describe("integration", () => {
  it("fails a file whose header lacks required columns, naming them, and writes nothing", async () => {
    spine = await openOtcSpine();
    const ingest = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: edgeCase("missing-columns.csv"),
      tier: "OTC",
      week_ending: "2025-10-03",
    });
    expect(ingest.status).toBe("failed");
    expect(ingest.error).toContain("mpid (MPID)");
    expect(ingest.error).toContain("tradeCount (totalWeeklyTradeCount or TotalTrades)");
    expect(await rows("select * from otc_raw")).toEqual([]);
    expect(await rows("select * from otc_captures")).toEqual([]);
  });

  it("refuses a file whose rows disagree on the week when no week is given", async () => {
    spine = await openOtcSpine();
    const ingest = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: edgeCase("mixed-weeks.csv"),
    });
    expect(ingest.status).toBe("failed");
    expect(ingest.error).toContain("rows disagree on the week");
    expect(await rows("select * from otc_raw")).toEqual([]);
  });

  it("names a missing file in the error", async () => {
    spine = await openOtcSpine();
    const ingest = await spine.dispatcher.submit("otc.ingest_week", { file_path: "/no/such/file.csv" });
    expect(ingest.status).toBe("failed");
    expect(ingest.error).toContain("/no/such/file.csv");
  });

  it("refuses to normalize a tier-week that was never ingested", async () => {
    spine = await openOtcSpine();
    const normalize = await spine.dispatcher.submit("otc.normalize_week", {
      tier: "OTC",
      week_ending: "2025-10-03",
    });
    expect(normalize.status).toBe("failed");
    expect(normalize.error).toContain("no ingest capture exists yet");
  });

  it("records every bad row as a reject with its reason and line, and accounts for every row", async () => {
    spine = await openOtcSpine();
    // An explicit week: line 12 then is a stray row of another week, rejected rather than failing the file.
    const { normalize } = await runWeek(edgeCase("bad-rows.csv"), { week_ending: "2025-10-03" });
    expect(normalize?.status).toBe("completed");
    const rejects = await rows<{ reason_code: string; line_number: number; raw_record: string }>(
      "select reason_code, line_number, raw_record from core_rejects order by line_number",
    );
    expect(rejects.map((reject) => reject.reason_code).sort()).toEqual(
      [
        "DUPLICATE_KEY",
        "EMPTY_MPID",
        "EMPTY_SYMBOL",
        "INVALID_SHARE_QUANTITY",
        "INVALID_TIER",
        "INVALID_TRADE_COUNT",
        "MALFORMED_ROW",
        "NEGATIVE_SHARE_QUANTITY",
        "NEGATIVE_TRADE_COUNT",
        "TIER_MISMATCH",
        "WEEK_MISMATCH",
      ].sort(),
    );
    for (const reject of rejects) {
      expect(reject.line_number).toBeGreaterThan(1);
      expect(reject.raw_record.length).toBeGreaterThan(0);
    }
    const metrics = normalize?.metrics ?? {};
    expect(metrics.rows_read).toBe(14);
    expect(metrics.rows_accepted).toBe(3);
    expect(metrics.rows_rejected).toBe(11);
    const accepted = await rows<{ symbol: string; share_volume: number; trade_count: number }>(
      "select symbol, share_volume, trade_count from otc_venue_volume order by line_number",
    );
    expect(accepted.some((row) => row.share_volume === 0 && row.trade_count === 0)).toBe(true);
    expect(accepted.some((row) => row.share_volume === 1234)).toBe(true);
  });

  it("computes the hand-worked golden numbers for a tiny week", async () => {
    spine = await openOtcSpine();
    const { ingest, aggregate } = await runWeek(edgeCase("golden-tiny.csv"));
    expect(aggregate?.status).toBe("completed");
    // lastUpdateDate 2025-11-03 - 35 days = Monday 2025-09-29, so the week ends Friday 2025-10-03.
    expect(ingest.metrics).toMatchObject({
      week_ending: "2025-10-03",
      tier: "OTC",
      week_rule: "last_update_date",
    });
    // Total 2000 shares: MMAA 800 (0.40), MMCC 700 (0.35), MMBB 500 (0.25).
    expect(
      await rows(
        "select mpid, total_volume, market_share, rank, symbol_count from otc_venue_share_latest order by rank",
      ),
    ).toEqual([
      { mpid: "MMAA", total_volume: 800, market_share: 0.4, rank: 1, symbol_count: 2 },
      { mpid: "MMCC", total_volume: 700, market_share: 0.35, rank: 2, symbol_count: 2 },
      { mpid: "MMBB", total_volume: 500, market_share: 0.25, rank: 3, symbol_count: 2 },
    ]);
    const concentration = await rows<{ symbol: string; hhi: number; top_mpid: string; top_share: number }>(
      "select symbol, hhi, top_mpid, top_share from otc_symbol_concentration_latest order by symbol",
    );
    // AAAA: .6² + .3² + .1² = .46; BBBB: .2² + .2² + .6² = .44.
    expect(concentration[0]).toMatchObject({ symbol: "AAAA", top_mpid: "MMAA", top_share: 0.6 });
    expect(concentration[0]?.hhi).toBeCloseTo(0.46, 12);
    expect(concentration[1]).toMatchObject({ symbol: "BBBB", top_mpid: "MMCC", top_share: 0.6 });
    expect(concentration[1]?.hhi).toBeCloseTo(0.44, 12);
    // AAAA: 1000 shares / 10 trades = 100 x 3 venues = 300; BBBB: 1000 / 8 = 125 x 3 = 375.
    expect(
      await rows(
        "select symbol, total_volume, total_trades, venue_count, avg_trade_size from otc_symbol_summary_latest order by symbol",
      ),
    ).toEqual([
      { symbol: "AAAA", total_volume: 1000, total_trades: 10, venue_count: 3, avg_trade_size: 100 },
      { symbol: "BBBB", total_volume: 1000, total_trades: 8, venue_count: 3, avg_trade_size: 125 },
    ]);
    expect(
      await rows(
        "select symbol, liquidity_score, calc_name, calc_version from otc_liquidity_score_latest order by symbol",
      ),
    ).toEqual([
      { symbol: "AAAA", liquidity_score: 300, calc_name: "liquidity_score", calc_version: "v1" },
      { symbol: "BBBB", liquidity_score: 375, calc_name: "liquidity_score", calc_version: "v1" },
    ]);
    const failed = await rows("select check_name from core_quality where status = 'fail'");
    expect(failed).toEqual([]);
  });

  it("skips the same file again and takes a different file for the same week as a new revision", async () => {
    spine = await openOtcSpine();
    await runWeek(edgeCase("golden-tiny.csv"));
    const again = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: edgeCase("golden-tiny.csv"),
    });
    expect(again.status).toBe("skipped");
    const republished = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: edgeCase("shuffled-columns.csv"),
      tier: "OTC",
      week_ending: "2025-10-03",
    });
    expect(republished.status).toBe("completed");
    expect(republished.metrics).toMatchObject({ source_revision: 2, week_rule: "parameter" });
    expect(republished.metrics.invalidatedStages).toEqual(["normalize", "aggregate"]);
    const captures = await rows<{ capture_id: string; source_revision: number }>(
      "select capture_id, source_revision from otc_captures where stage = 'ingest' order by capture_number",
    );
    expect(captures).toEqual([
      { capture_id: "ingest:otc:2025-10-03:1", source_revision: 1 },
      { capture_id: "ingest:otc:2025-10-03:2", source_revision: 2 },
    ]);
  });

  it("stamps raw rows with lineage (source file, sha256, revision, execution, line)", async () => {
    spine = await openOtcSpine();
    const ingest = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: edgeCase("golden-tiny.csv"),
    });
    const raw = await rows<Record<string, unknown>>("select * from otc_raw order by line_number limit 1");
    expect(raw[0]).toMatchObject({
      capture_id: "ingest:otc:2025-10-03:1",
      execution_id: ingest.id,
      batch_id: ingest.batchId,
      source_file: "golden-tiny.csv",
      source_revision: 1,
      source_last_update_date: "2025-11-03",
      line_number: 2,
    });
    // Migration 0009: the record hash follows from the row's values and is no longer stored.
    expect(raw[0]).not.toHaveProperty("record_hash");
    expect(String(raw[0]?.source_sha256)).toMatch(/^[0-9a-f]{64}$/);

    // Normalized, the raw rows leave otc_raw where the backend releases them (SQLite); either way a
    // venue row leads to its file's sha256 and line.
    await spine.dispatcher.submit("otc.normalize_week", { tier: "OTC", week_ending: "2025-10-03" });
    expect((await rows("select * from otc_raw")).length > 0).toBe(testBackend === "postgres");
    const [venue] = await rows<{ line_number: number; source_sha256: string }>(
      `select v.line_number, c.source_sha256 from otc_venue_volume_rows v
        join core_captures c on c.capture_id = v.capture_id order by v.line_number limit 1`,
    );
    // Where the rows were released, the file itself is kept (keepsStoredSources), and the line is
    // in it; elsewhere the rows stay, and the line is the raw row's.
    expect(Number(venue?.line_number)).toBe(2);
    const golden = readFileSync(edgeCase("golden-tiny.csv"));
    const stored = await readStoredSource(spine.database, String(venue?.source_sha256));
    expect(stored !== null).toBe(testBackend === "sqlite");
    if (stored !== null) {
      const file = gunzipSync(stored);
      expect(createHash("sha256").update(file).digest("hex")).toBe(raw[0]?.source_sha256);
      expect(file.equals(golden)).toBe(true);
    } else {
      const [kept] = await rows<{ raw_line: string }>(
        `select raw_line from otc_raw where line_number = ${Number(venue?.line_number)}`,
      );
      expect(kept?.raw_line).toBe(golden.toString("utf8").split("\n")[1]);
    }
    expect(createHash("sha256").update(golden).digest("hex")).toBe(raw[0]?.source_sha256);
    expect(golden.toString("utf8").split("\n")[1]).toBe(raw[0]?.raw_line);
  });
});

describe("integration", () => {
  it("keeps the first valid occurrence of a key even when an earlier occurrence was invalid", async () => {
    spine = await openOtcSpine();
    const directory = spine.directory;
    const file = join(directory, "first-invalid.csv");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      file,
      [
        "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate",
        "OTC|AAAA|A Inc|Venue A|MMAA|-5|1|2025-11-03",
        "OTC|AAAA|A Inc|Venue A|MMAA|100|2|2025-11-03",
        "OTC| AAAA |A Inc|Venue A|MMAA\t|300|3|2025-11-03",
        "OTC|BBBB|B Inc|Venue A|MMAA|50|1|2025-11-03",
      ].join("\n"),
    );
    const { normalize } = await runWeek(file);
    expect(normalize?.metrics).toMatchObject({ rows_read: 4, rows_accepted: 2, rows_rejected: 2 });
    expect(await rows("select line_number, reason_code from core_rejects order by line_number")).toEqual([
      { line_number: 2, reason_code: "NEGATIVE_SHARE_QUANTITY" },
      { line_number: 4, reason_code: "DUPLICATE_KEY" },
    ]);
    expect(
      await rows("select symbol, mpid, share_volume from otc_venue_volume order by line_number"),
    ).toEqual([
      { symbol: "AAAA", mpid: "MMAA", share_volume: 100 },
      { symbol: "BBBB", mpid: "MMAA", share_volume: 50 },
    ]);
  });
});

describe("integration", () => {
  const header =
    "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

  async function writeFile(name: string, lines: string[]): Promise<string> {
    const { writeFileSync } = await import("node:fs");
    const path = join(spine?.directory ?? "", name);
    writeFileSync(path, lines.join("\n"));
    return path;
  }

  it("rejects a stray first row, not the rows that match the week asked for", async () => {
    spine = await openOtcSpine();
    // 2025-12-15 publishes OTC week ending 2025-11-14; 2025-12-08 publishes 2025-11-07.
    const file = await writeFile("stray-first.csv", [
      header,
      "OTC|AAAA|A|V|MMAA|7|1|2025-12-08",
      "OTC|AAAA|A|V|MMBB|100|1|2025-12-15",
      "OTC|BBBB|B|V|MMAA|200|2|2025-12-15",
      "OTC|CCCC|C|V|MMAA|300|3|2025-12-15",
    ]);
    const { normalize } = await runWeek(file, { week_ending: "2025-11-14", tier: "OTC" });
    expect(normalize?.metrics).toMatchObject({ rows_accepted: 3, rows_rejected: 1 });
    expect(await rows("select line_number, reason_code from core_rejects")).toEqual([
      { line_number: 2, reason_code: "WEEK_MISMATCH" },
    ]);
  });

  it("lets a week column decide a row's week even when its lastUpdateDate is later", async () => {
    spine = await openOtcSpine();
    const file = await writeFile("api-corrected.csv", [
      "weekStartDate|tierIdentifier|issueSymbolIdentifier|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate|summaryTypeCode",
      "2025-11-10|OTCE|AAAA|MMAA|100|1|2025-12-15|OTC_W_SMBL_FIRM",
      "2025-11-10|OTCE|BBBB|MMAA|200|2|2025-12-22|OTC_W_SMBL_FIRM",
    ]);
    const { normalize } = await runWeek(file);
    expect(normalize?.metrics).toMatchObject({ rows_accepted: 2, rows_rejected: 0 });
  });
});

describe("integration", () => {
  it("refuses a file filed under a week that had not been published when the file was", async () => {
    spine = await openOtcSpine();
    // golden-tiny is dated 2025-11-03: OTC week ending 2025-10-03. Week 2025-10-10 was first published 2025-11-10.
    const misfiled = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: edgeCase("golden-tiny.csv"),
      week_ending: "2025-10-10",
    });
    expect(misfiled.status).toBe("failed");
    expect(misfiled.error).toContain("before OTC week ending 2025-10-10 was first published (2025-11-10)");
    expect(await rows("select * from otc_raw")).toEqual([]);
    // A later date under an earlier week is a republication, and loads.
    const republished = await spine.dispatcher.submit("otc.ingest_week", {
      file_path: edgeCase("golden-tiny.csv"),
      week_ending: "2025-09-26",
    });
    expect(republished.status).toBe("completed");
  });
});

describe("integration", () => {
  it("rolls back a republication together with everything computed from it", async () => {
    spine = await openOtcSpine();
    await runWeek(edgeCase("golden-tiny.csv"));
    const before = await rows("select symbol, total_volume from otc_symbol_summary_latest order by symbol");
    const republished = await runWeek(edgeCase("shuffled-columns.csv"), {
      tier: "OTC",
      week_ending: "2025-10-03",
    });
    expect(republished.aggregate?.status).toBe("completed");
    expect(
      await rows("select symbol, total_volume from otc_symbol_summary_latest order by symbol"),
    ).not.toEqual(before);
    const rollback = await spine.dispatcher.submit("otc.rollback_capture", {
      capture_id: "ingest:otc:2025-10-03:2",
    });
    expect(rollback.status, rollback.error ?? "").toBe("completed");
    expect(rollback.output).toMatchObject({
      removed_derived_capture_ids: ["aggregate:otc:2025-10-03:2", "normalize:otc:2025-10-03:2"],
      invalidated_stages: ["ingest", "normalize", "aggregate"],
    });
    expect(await rows("select symbol, total_volume from otc_symbol_summary_latest order by symbol")).toEqual(
      before,
    );
    expect(await rows("select distinct capture_id from otc_symbol_summary_latest")).toEqual([
      { capture_id: "aggregate:otc:2025-10-03:1" },
    ]);
  });
});

describe("integration", () => {
  it("lists the rejects of the latest run by default and of every run on request", async () => {
    spine = await openOtcSpine();
    await runWeek(edgeCase("bad-rows.csv"), { week_ending: "2025-10-03" });
    const forced = await spine.dispatcher.submit(
      "otc.normalize_week",
      { tier: "OTC", week_ending: "2025-10-03" },
      { force: true },
    );
    expect(forced.status).toBe("completed");
    const query = spine.registry.getQuery("otc.rejects");
    const context = { scope: spine.database, logger: spine.logger };
    const latest = await query.run(context, query.params.parse({ tier: "OTC", week_ending: "2025-10-03" }));
    expect(latest).toHaveLength(11);
    expect(new Set(latest.map((row) => row.execution_id))).toEqual(new Set([forced.id]));
    const everyRun = await query.run(
      context,
      query.params.parse({ tier: "OTC", week_ending: "2025-10-03", all_runs: true }),
    );
    expect(everyRun).toHaveLength(22);
  });
});
