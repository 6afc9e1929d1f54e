import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openOtcSpine } from "./support/otc-spine.js";
import { testBackend } from "./support/test-backend.js";

// The real files live outside the repository (they must not be copied in); without them this suite is skipped.
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const realDataDirectory =
  process.env.SPINE_FINRA_DATA_DIR ?? join(repositoryRoot, "..", "shared", "data", "finra");

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;

interface WeekFacts {
  readonly weekEnding: string;
  readonly rowsRead: number;
  readonly symbols: number;
  readonly shares: number;
  readonly trades: number;
}

// From the folder's README (FINRA downloads with lastUpdateDate 2025-12-15 and 2025-12-22).
const weeks: readonly WeekFacts[] = [
  { weekEnding: "2025-11-14", rowsRead: 5_328, symbols: 3_111, shares: 1_335_995_901, trades: 472_776 },
  { weekEnding: "2025-11-21", rowsRead: 5_192, symbols: 2_985, shares: 943_802_893, trades: 497_191 },
];

describe.runIf(existsSync(realDataDirectory))("integration", () => {
  let spine: OtcSpine;
  let backfillOutput: { table: Array<Record<string, unknown>> };
  let backfillStatus: string;

  async function rows<T>(query: string): Promise<T[]> {
    return (await sql<T>`${sql.raw(query)}`.execute(spine.database.db)).rows;
  }

  beforeAll(async () => {
    spine = await openOtcSpine();
    const execution = await spine.dispatcher.submit("otc.backfill_range", {
      tier: "OTC",
      start_week: "2025-11-14",
      end_week: "2025-11-21",
      source_dir: realDataDirectory,
    });
    backfillStatus = execution.status;
    backfillOutput = execution.output as typeof backfillOutput;
  }, 120_000);

  afterAll(async () => {
    await spine?.cleanup();
  });

  it("backfills both real FINRA files as the weeks their lastUpdateDate publishes", () => {
    expect(backfillStatus).toBe("completed");
    expect(backfillOutput.table.map((row) => [row.week_ending, row.status])).toEqual([
      ["2025-11-14", "completed"],
      ["2025-11-21", "completed"],
    ]);
  });

  for (const week of weeks) {
    it(`reads ${week.rowsRead} rows for week ${week.weekEnding}, each accepted or rejected`, async () => {
      // Normalized, the raw rows left otc_raw_rows where the backend releases them (SQLite): the
      // release records how many; elsewhere they are all still there.
      const [raw] = await rows<{ row_count: number; released: string | null; kept: number }>(
        `select c.row_count, r.rows as released,
            (select count(*) from otc_raw_rows k where k.capture_id = c.capture_id) as kept
          from otc_captures c left join core_raw_releases r on r.capture_id = c.capture_id
          where c.stage = 'ingest' and c.tier = 'OTC' and c.week_ending = '${week.weekEnding}'`,
      );
      expect(Number(raw?.row_count)).toBe(week.rowsRead);
      const released = raw?.released ? Number(JSON.parse(raw.released).otc_raw_rows) : 0;
      expect([released, Number(raw?.kept)]).toEqual(
        testBackend === "sqlite" ? [week.rowsRead, 0] : [0, week.rowsRead],
      );
      const row = backfillOutput.table.find((candidate) => candidate.week_ending === week.weekEnding);
      expect(row?.rows).toBe(week.rowsRead);
      const [accepted] = await rows<{ n: number }>(
        `select count(*) as n from otc_venue_volume_latest where week_ending = '${week.weekEnding}'`,
      );
      expect(Number(accepted?.n) + Number(row?.rejects)).toBe(week.rowsRead);
    });

    it(`sums week ${week.weekEnding} to ${week.symbols} symbols, ${week.shares} shares and ${week.trades} trades`, async () => {
      const [summary] = await rows<{ symbols: number; shares: number; trades: number }>(
        `select count(*) as symbols, sum(total_volume) as shares, sum(total_trades) as trades
           from otc_symbol_summary_latest where tier = 'OTC' and week_ending = '${week.weekEnding}'`,
      );
      expect({
        symbols: Number(summary?.symbols),
        shares: Number(summary?.shares),
        trades: Number(summary?.trades),
      }).toEqual({
        symbols: week.symbols,
        shares: week.shares,
        trades: week.trades,
      });
    });
  }

  it("ranks OTCN first by market share in week 2025-11-14", async () => {
    const [top] = await rows<{ mpid: string; market_share: number }>(
      "select mpid, market_share from otc_venue_share_latest where week_ending = '2025-11-14' and rank = 1",
    );
    expect(top?.mpid).toBe("OTCN");
    expect(Math.abs(Number(top?.market_share) - 0.8218839348070724)).toBeLessThan(1e-12);
  });

  it("marks week 2025-11-21's six-week rolling rows as two weeks available, incomplete", async () => {
    const rolling = await rows<{ weeks_available: number; is_complete: number; n: number }>(
      "select weeks_available, is_complete, count(*) as n from otc_symbol_rolling_latest where week_ending = '2025-11-21' group by weeks_available, is_complete",
    );
    expect(rolling.map((row) => [Number(row.weeks_available), Number(row.is_complete)])).toEqual([[2, 0]]);
    expect(Number(rolling[0]?.n)).toBeGreaterThan(0);
  });
});
