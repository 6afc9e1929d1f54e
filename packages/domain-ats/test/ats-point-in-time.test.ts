import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type AtsSpine, atsFixtures, openAtsSpine } from "./support/ats-spine.js";

// NMS Tier 1 weeks of the generated fixtures; FINRA republishes 2025-09-12 on 2025-11-10 with one
// ATS's shares of one symbol restated (issue #12: every query accepts as_of).
const weeks = ["2025-09-05", "2025-09-12", "2025-09-19", "2025-09-26"];
const republishedWeek = "2025-09-12";
const republicationDate = "2025-11-10";
const before = "2025-11-09";
const tier = "NMS Tier 1";
const added = 100_000;

const folders: string[] = [];
let ats: AtsSpine | undefined;
afterEach(async () => {
  await ats?.dispose();
  ats = undefined;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folderOf(weekEndings: readonly string[]): string {
  const folder = mkdtempSync(join(tmpdir(), "spine-ats-pit-"));
  folders.push(folder);
  for (const week of weekEndings) {
    const name = `ats_tier1_week_${week}.csv`;
    copyFileSync(atsFixtures(`generated/${name}`), join(folder, name));
  }
  return folder;
}

/** The week's file republished: every row re-dated, the first detail row's shares raised. */
function republication(folder: string): { path: string; symbol: string; mpid: string } {
  const text = readFileSync(atsFixtures(`generated/ats_tier1_week_${republishedWeek}.csv`), "utf8");
  const [header = "", ...rows] = text.trimEnd().split("\n");
  let changed: string[] | undefined;
  const lines = rows.map((row) => {
    const fields = row.split(",");
    fields[10] = republicationDate;
    if (changed === undefined && fields[8] === "ATS_W_SMBL_FIRM") {
      fields[6] = String(Number(fields[6]) + added);
      changed = fields;
    }
    return fields.join(",");
  });
  const path = join(folder, "republication.csv");
  writeFileSync(path, `${[header, ...lines].join("\n")}\n`);
  return { path, symbol: changed?.[2] ?? "", mpid: changed?.[4] ?? "" };
}

async function query(name: string, params: Record<string, unknown>) {
  const spine = (ats as AtsSpine).spine;
  const definition = spine.registry.getQuery(name);
  return definition.run({ scope: spine.database, logger: spine.logger }, definition.params.parse(params));
}

async function asked(name: string, params: Record<string, unknown>) {
  return {
    before: await query(name, { ...params, as_of: before }),
    on: await query(name, { ...params, as_of: republicationDate }),
    latest: await query(name, params),
  };
}

async function republishedSpine() {
  ats = await openAtsSpine();
  const folder = folderOf(weeks);
  const backfill = (extra: Record<string, unknown> = {}) =>
    ats?.spine.dispatcher.submit("ats.backfill_range", { source_dir: folder, tiers: "tier1", ...extra });
  expect((await backfill())?.status).toBe("completed");
  const changed = republication(folderOf([]));
  const ingest = await ats.spine.dispatcher.submit("ats.ingest_week", {
    file_path: changed.path,
    tier,
    week_ending: republishedWeek,
  });
  expect(ingest.status, ingest.error ?? "").toBe("completed");
  const refresh = await backfill({ only: "stale" });
  expect(refresh?.status, refresh?.error ?? "").toBe("completed");
  return changed;
}

const numberIn = (rows: readonly Record<string, unknown>[], match: Record<string, unknown>, column: string) =>
  Number(rows.find((row) => Object.entries(match).every(([name, value]) => row[name] === value))?.[column]);

describe("integration: every ATS query answers as of a date", () => {
  it("research queries: original values before the republication, the restated ones on and after it", async () => {
    const { symbol, mpid } = await republishedSpine();
    const shares = await asked("ats.venue_shares", { tier, week_ending: republishedWeek });
    const original = numberIn(shares.before, { mpid }, "shares");
    for (const rows of [shares.on, shares.latest])
      expect(numberIn(rows, { mpid }, "shares")).toBe(original + added);
    expect(shares.before.every((row) => row.stale === false)).toBe(true);

    const history = await asked("ats.share_history", { mpid, tier });
    const week = { week_ending: republishedWeek };
    expect(numberIn(history.before, week, "shares")).toBe(original);
    expect(numberIn(history.latest, week, "shares")).toBe(original + added);

    const concentration = await asked("ats.symbol_concentration", {
      tier,
      week_ending: republishedWeek,
      limit: 10_000,
    });
    const hhiBefore = numberIn(concentration.before, { symbol }, "hhi");
    expect(numberIn(concentration.latest, { symbol }, "hhi")).not.toBe(hhiBefore);
    expect(numberIn(concentration.on, { symbol }, "hhi")).toBe(
      numberIn(concentration.latest, { symbol }, "hhi"),
    );

    const loaded = await asked("ats.weeks", { tier });
    const atsShares = numberIn(loaded.before, week, "ats_shares");
    expect(numberIn(loaded.latest, week, "ats_shares")).toBe(atsShares + added);
  });

  it("ats.share_trend and ats.research_snapshot: stale rows shown stale, then as of a date and calc_version", async () => {
    ats = await openAtsSpine();
    const folder = folderOf(weeks);
    const backfill = (extra: Record<string, unknown> = {}) =>
      ats?.spine.dispatcher.submit("ats.backfill_range", { source_dir: folder, tiers: "tier1", ...extra });
    expect((await backfill())?.status).toBe("completed");
    const { mpid } = republication(folderOf([]));
    const file_path = join(folders.at(-1) ?? "", "republication.csv");
    const ingest = await ats.spine.dispatcher.submit("ats.ingest_week", {
      file_path,
      tier,
      week_ending: republishedWeek,
    });
    expect(ingest.status, ingest.error ?? "").toBe("completed");
    // 2025-09-19's window holds the republished week: its trend and snapshot are stale until refreshed.
    const later = { tier, week_ending: "2025-09-19", mpid, calc_version: "v1" };
    for (const name of ["ats.share_trend", "ats.research_snapshot"])
      expect(
        (await query(name, later)).map((row) => row.stale),
        name,
      ).toEqual([true]);
    expect((await backfill({ only: "stale" }))?.status).toBe("completed");
    const trend = await asked("ats.share_trend", later);
    const original = numberIn(trend.before, { mpid }, "window_shares");
    expect(numberIn(trend.latest, { mpid }, "window_shares")).toBe(original + added);
    expect([...trend.before, ...trend.latest].map((row) => row.stale)).toEqual([false, false]);
    const snapshot = await asked("ats.research_snapshot", later);
    expect(numberIn(snapshot.latest, { mpid }, "mean_share")).toBeGreaterThan(
      numberIn(snapshot.before, { mpid }, "mean_share"),
    );
    await expect(query("ats.share_trend", { ...later, calc_version: "v2" })).rejects.toThrow();
  });

  it("ledger queries: captures, rejects, quality, freshness and compare_captures as of a date", async () => {
    await republishedSpine();
    const partition = { tier, week_ending: republishedWeek };
    const captures = await asked("ats.captures", partition);
    const latestIngest = (rows: readonly Record<string, unknown>[]) =>
      rows.filter((row) => row.stage === "ingest" && row.is_latest).map((row) => row.capture_number);
    expect(latestIngest(captures.before)).toEqual([1]);
    for (const rows of [captures.on, captures.latest]) expect(latestIngest(rows)).toEqual([2]);

    const republicationRuns = new Set(
      captures.latest
        .filter((row) => row.publication_date === republicationDate)
        .map((row) => row.execution_id),
    );
    const fromRepublication = (rows: readonly Record<string, unknown>[]) =>
      rows.filter((row) => republicationRuns.has(row.execution_id)).length;
    for (const name of ["ats.rejects", "ats.quality"]) {
      const rows = await asked(name, partition);
      expect(rows.before.length, name).toBeGreaterThan(0);
      expect(fromRepublication(rows.before), name).toBe(0);
      expect(fromRepublication(rows.latest), name).toBeGreaterThan(0);
    }

    // 2025-09-26 is first published on 2025-10-13 (three Mondays after its week starts).
    expect(await query("ats.freshness", { as_of: "2025-10-12" })).toMatchObject([
      { tier, latest_week_ending: "2025-09-19", loaded: 3 },
    ]);
    expect(await query("ats.freshness", { as_of: "2025-10-13" })).toMatchObject([
      { latest_week_ending: "2025-09-26", loaded: 4 },
    ]);
    const ids = captures.latest.filter((row) => row.stage === "ingest").map((row) => String(row.capture_id));
    const pair = { capture_a: ids[0], capture_b: ids[1] };
    await expect(query("ats.compare_captures", { ...pair, as_of: before })).rejects.toThrow(/not knowable/);
    expect(await query("ats.compare_captures", { ...pair, as_of: republicationDate })).toMatchObject([
      { table: "ats_raw_lines", identical: false },
    ]);
  });

  it("records a missing tier-week inside a backfilled range as a quality warning", async () => {
    ats = await openAtsSpine();
    const folder = folderOf(["2025-09-05", "2025-09-19"]);
    const run = await ats.spine.dispatcher.submit("ats.backfill_range", {
      source_dir: folder,
      tiers: "tier1",
    });
    expect(run.status, run.error ?? "").toBe("completed");
    const message = `1 tier-week(s) missing in ${tier} 2025-09-05 .. 2025-09-19: 2025-09-12`;
    expect((run.output as { warnings: unknown[] }).warnings).toContainEqual(
      expect.objectContaining({ check: "backfill.no_missing_partitions", status: "warn", message }),
    );
    const stored = await query("ats.quality", { tier, status: "warn" });
    expect(stored.filter((check) => check.check_name === "backfill.no_missing_partitions")).toMatchObject([
      { week_ending: "2025-09-19", message },
    ]);
  });
  it("warns when a new tier-week's rows equal a loaded week's: a likely republication", async () => {
    ats = await openAtsSpine();
    const path = join(folderOf(["2025-09-05"]), "ats_tier1_week_2025-09-05.csv");
    for (const week_ending of ["2025-09-05", "2025-09-19"]) {
      const run = await ats.spine.dispatcher.submit("ats.ingest_week", {
        file_path: path,
        tier,
        week_ending,
      });
      expect(run.status, run.error ?? "").toBe("completed");
    }
    const checks = await query("ats.quality", { tier });
    const republication = checks.filter((check) => check.check_name === "ingest.likely_republication");
    expect(republication.map((check) => [check.week_ending, check.status])).toEqual([
      ["2025-09-05", "pass"],
      ["2025-09-19", "warn"],
    ]);
    expect(republication[1]?.message).toContain(
      "likely a republication of 2025-09-05 under a new date; if so, roll this capture back and load the file with -p week_ending=2025-09-05",
    );
  });
});
