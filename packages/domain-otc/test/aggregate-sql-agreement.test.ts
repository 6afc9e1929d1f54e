import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { VenueVolume } from "@spine/finra";
import { computeSymbolConcentration, computeVenueShares, TIERS } from "@spine/finra";
import { compareText, sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeLiquidityScore, computeSymbolSummaries } from "../src/pure.js";
import { loadGeneratedWeeks } from "./support/generated-weeks.js";
import { fixturesDirectory, openOtcSpine } from "./support/otc-spine.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
type Row = Record<string, unknown>;
type Expected = { key: string; floats: readonly string[]; rows: Row[] };

// The pure functions are the specification; the set-based SQL may differ from them only by rounding.
const tolerance = 1e-12;

/**
 * Exact ties the generated weeks rarely contain. MMZZ and MMab tie on volume in TIEA and on the
 * tier-week total, so byte order (Z before a) must win over a locale order (ab before ZZ); ZERO
 * has only zero-activity rows, NOSH trades without shares (total 0, one active venue), and MMQQ
 * never trades. MMZZ's two spellings of its name check that min(name) compares bytes too; MMNN's
 * name is missing on its first and last rows, and MMXX never has one, so a missing name never
 * wins over a present one.
 */
const TIES_WEEK = { tier: "OTC", week_ending: "2025-10-10" } as const;
const TIES_FILE = [
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate",
  "OTC|TIEA|Tie A Inc.|zeta markets|MMZZ|500|5|2025-11-10",
  "OTC|TIEA|Tie A Inc.|Alpha Markets|MMab|500|4|2025-11-10",
  "OTC|TIEA|Tie A Inc.|Aardvark LLC|MMAA|250|3|2025-11-10",
  "OTC|TIEB|Tie B Inc.|Zeta Markets|MMZZ|300|3|2025-11-10",
  "OTC|TIEB|Tie B Inc.|Alpha Markets|MMab|300|2|2025-11-10",
  "OTC|TIEB|Tie B Inc.|Aardvark LLC|MMAA|0|0|2025-11-10",
  "OTC|ZERO|Zero Inc.|Aardvark LLC|MMAA|0|0|2025-11-10",
  "OTC|ZERO|Zero Inc.|Quiet LLC|MMQQ|0|0|2025-11-10",
  "OTC|NOSH|No Shares Inc.|Aardvark LLC|MMAA|0|4|2025-11-10",
  "OTC|TIEC|Tie C Inc.||MMNN|10|1|2025-11-10",
  "OTC|TIED|Tie D Inc.|Named Venue|MMNN|10|1|2025-11-10",
  "OTC|TIEE|Tie E Inc.||MMNN|10|1|2025-11-10",
  "OTC|TIEE|Tie E Inc.||MMXX|7|1|2025-11-10",
  "",
].join("\n");

let spine: OtcSpine;

async function runWeek(file: string, partition: { tier: string; week_ending: string }) {
  for (const [pipeline, params] of [
    ["otc.ingest_week", { file_path: file, ...partition }],
    ["otc.normalize_week", partition],
    ["otc.aggregate_week", partition],
  ] as const) {
    const execution = await spine.dispatcher.submit(pipeline, params);
    if (execution.status !== "completed") throw new Error(`${pipeline} ${file}: ${execution.error}`);
  }
}

async function latestRows(view: string, tier: string, weekEnding: string): Promise<Row[]> {
  const result = await sql<Row>`select * from ${sql.table(view)}
    where tier = ${tier} and week_ending = ${weekEnding}`.execute(spine.database.db);
  return result.rows;
}

async function venueVolumes(tier: string, weekEnding: string): Promise<VenueVolume[]> {
  return (await latestRows("otc_venue_volume_latest", tier, weekEnding)).map((row) => ({
    symbol: String(row.symbol),
    issueName: row.issue_name === null ? null : String(row.issue_name),
    mpid: String(row.mpid),
    marketParticipantName: row.market_participant_name === null ? null : String(row.market_participant_name),
    shareVolume: Number(row.share_volume),
    tradeCount: Number(row.trade_count),
    avgTradeSize: row.avg_trade_size === null ? null : Number(row.avg_trade_size),
  }));
}

/** The name SQL stores for a venue: the byte-order-first of its non-null spellings. */
function participantName(volumes: readonly VenueVolume[], mpid: string): string | null {
  const names = volumes.filter((row) => row.mpid === mpid).map((row) => row.marketParticipantName);
  const known = names.filter((name): name is string => name !== null).sort(compareText);
  return known[0] ?? null;
}

function expectedVenueShares(volumes: readonly VenueVolume[]): Expected {
  return {
    key: "mpid",
    floats: ["market_share"],
    rows: computeVenueShares(volumes).map((v) => ({
      mpid: v.mpid,
      market_participant_name: participantName(volumes, v.mpid),
      total_volume: v.totalVolume,
      total_trades: v.totalTrades,
      symbol_count: v.symbolCount,
      market_share: v.marketShare,
      rank: v.rank,
    })),
  };
}

/** What each aggregate view must hold for one tier-week, computed by the pure functions. */
function expectedViews(volumes: readonly VenueVolume[]): Record<string, Expected> {
  const summaries = computeSymbolSummaries(volumes);
  return {
    otc_symbol_summary_latest: {
      key: "symbol",
      floats: ["avg_trade_size"],
      rows: summaries.map((s) => ({
        symbol: s.symbol,
        total_volume: s.totalVolume,
        total_trades: s.totalTrades,
        venue_count: s.venueCount,
        avg_trade_size: s.avgTradeSize,
      })),
    },
    otc_venue_share_latest: expectedVenueShares(volumes),
    otc_symbol_concentration_latest: {
      key: "symbol",
      floats: ["hhi", "top_share"],
      rows: computeSymbolConcentration(volumes).map((c) => ({
        symbol: c.symbol,
        venue_count: c.venueCount,
        hhi: c.hhi,
        top_mpid: c.topMpid,
        top_share: c.topShare,
      })),
    },
    otc_liquidity_score_latest: {
      key: "symbol",
      floats: ["avg_trade_size", "liquidity_score"],
      rows: summaries.map((s) => ({
        symbol: s.symbol,
        avg_trade_size: s.avgTradeSize,
        venue_count: s.venueCount,
        liquidity_score: computeLiquidityScore(s),
      })),
    },
  };
}

/** Every field that differs: integers and text exactly, floats within `tolerance`, nulls as nulls. */
function differences(label: string, actual: readonly Row[], expected: Expected): string[] {
  const byKey = new Map(actual.map((row) => [String(row[expected.key]), row]));
  const found: string[] = [];
  if (actual.length !== expected.rows.length)
    found.push(`${label}: ${actual.length} rows, expected ${expected.rows.length}`);
  for (const want of expected.rows) {
    const id = `${label} ${String(want[expected.key])}`;
    const got = byKey.get(String(want[expected.key]));
    if (!got) {
      found.push(`${id}: missing`);
      continue;
    }
    for (const [column, value] of Object.entries(want)) {
      const stored = got[column];
      const agrees =
        expected.floats.includes(column) && typeof value === "number" && typeof stored === "number"
          ? Math.abs(stored - value) <= tolerance
          : stored === value;
      if (!agrees) found.push(`${id}.${column}: stored ${String(stored)}, pure ${String(value)}`);
    }
  }
  return found;
}

async function partitions(): Promise<{ tier: string; week_ending: string }[]> {
  const result = await sql<{ tier: string; week_ending: string }>`select distinct tier, week_ending
    from otc_venue_volume_latest order by tier, week_ending`.execute(spine.database.db);
  return result.rows;
}

describe("integration", () => {
  beforeAll(async () => {
    spine = await openOtcSpine();
    for (const tier of TIERS) await loadGeneratedWeeks(spine, tier, 2);
    // Its zero-activity row (ZERO 0/0) must not count as a venue or symbol.
    await runWeek(join(fixturesDirectory, "edge-cases", "bad-rows.csv"), {
      tier: "OTC",
      week_ending: "2025-10-03",
    });
    const tiesFile = join(spine.directory, "ties.csv");
    writeFileSync(tiesFile, TIES_FILE);
    await runWeek(tiesFile, TIES_WEEK);
  }, 180_000);

  afterAll(async () => {
    await spine?.cleanup();
  });

  it("aggregates every loaded tier-week: generated weeks of all tiers, bad rows, ties", async () => {
    expect((await partitions()).length).toBe(TIERS.length * 2 + 2);
  });

  it("stores exactly what the pure functions compute, for every aggregate view and field", async () => {
    const found: string[] = [];
    for (const { tier, week_ending } of await partitions()) {
      const expected = expectedViews(await venueVolumes(tier, week_ending));
      for (const [view, want] of Object.entries(expected)) {
        const stored = await latestRows(view, tier, week_ending);
        expect(stored.length, `${view} ${tier} ${week_ending}`).toBeGreaterThan(0);
        found.push(...differences(`${view} ${tier} ${week_ending}`, stored, want));
      }
    }
    expect(found).toEqual([]);
  });

  it("breaks exact ties by mpid byte order and leaves untraded symbols without a top venue", async () => {
    const concentration = await latestRows(
      "otc_symbol_concentration_latest",
      TIES_WEEK.tier,
      TIES_WEEK.week_ending,
    );
    const bySymbol = new Map(concentration.map((row) => [row.symbol, row]));
    expect(bySymbol.get("TIEA")).toMatchObject({ venue_count: 3, top_mpid: "MMZZ", top_share: 0.4 });
    expect(bySymbol.get("TIEB")).toMatchObject({ venue_count: 2, top_mpid: "MMZZ", hhi: 0.5 });
    expect(bySymbol.get("ZERO")).toMatchObject({
      venue_count: 0,
      hhi: null,
      top_mpid: null,
      top_share: null,
    });
    expect(bySymbol.get("NOSH")).toMatchObject({ venue_count: 1, hhi: null, top_mpid: null });
    const shares = await latestRows("otc_venue_share_latest", TIES_WEEK.tier, TIES_WEEK.week_ending);
    const ranked = [...shares].sort((left, right) => Number(left.rank) - Number(right.rank));
    expect(ranked.map((row) => [row.mpid, row.market_participant_name, row.symbol_count])).toEqual([
      ["MMZZ", "Zeta Markets", 2],
      ["MMab", "Alpha Markets", 2],
      ["MMAA", "Aardvark LLC", 2],
      ["MMNN", "Named Venue", 3],
      ["MMXX", null, 1],
      ["MMQQ", "Quiet LLC", 0],
    ]);
  });
});
