import { appendFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  archiveRawCaptures,
  assertRawRowsPresent,
  readCoverageGrid,
  readWithReleasedRows,
  restoreRawCaptures,
  sql,
} from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { otcDomain } from "../src/index.js";
import { otcCaptures } from "../src/pipelines/support/otc-captures.js";
import { caught } from "./support/caught-spine-error.js";
import { FIRST_GENERATED_WEEK, generatedFile, loadGeneratedWeeks } from "./support/generated-weeks.js";
import { openOtcSpine } from "./support/otc-spine.js";
import { rebuildReleasedRows } from "./support/released-raw-rows.js";
import { runQuery } from "./support/run-query.js";
import { testBackend } from "./support/test-backend.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine | undefined;
afterEach(async () => {
  await spine?.cleanup();
  spine = undefined;
});

// Normalize releases the raw rows (the stored source is archived then); `rowsInTables` writes them
// back first, so the archive takes the rows themselves.
async function openWithWeeks(count: number, options: { rowsInTables?: boolean } = {}) {
  spine = await openOtcSpine();
  const weeks = await loadGeneratedWeeks(spine, "OTC", count);
  if (options.rowsInTables) await rebuildReleasedRows(spine.database);
  return { open: spine, weeks, archiveDirectory: join(spine.directory, "archive") };
}

// Every raw row of the tier, in a fixed order, exactly as the database returns it; rows released
// after normalize are read as rebuilt from their stored source (the database keeps only the source).
async function rawRows(open: OtcSpine) {
  const released = await open.database.db
    .selectFrom("core_captures")
    .selectAll()
    .where("capture_id", "in", open.database.db.selectFrom("core_raw_releases").select("capture_id"))
    .where("archived_at", "is", null)
    .execute();
  return readWithReleasedRows(open.database, otcCaptures, released, async (scope) => {
    const result = await sql<Record<string, unknown>>`
      select * from otc_raw_rows order by capture_id, line_number`.execute(scope.db);
    return result.rows;
  });
}

async function storedSources(open: OtcSpine) {
  const result = await sql<{ n: number }>`select count(*) as n from core_stored_sources`.execute(
    open.database.db,
  );
  return Number(result.rows[0]?.n);
}

async function summaryRows(open: OtcSpine) {
  const result = await sql<Record<string, unknown>>`
    select * from otc_symbol_summary order by capture_id, symbol`.execute(open.database.db);
  return result.rows;
}

const rowsOf = (rows: readonly Record<string, unknown>[], week: string | undefined) =>
  rows.filter((row) => String(row.capture_id).includes(week ?? "-")).length;

const archive = (open: OtcSpine, archiveDirectory: string, before: string) =>
  archiveRawCaptures(open.database, [otcDomain], { before, archiveDirectory });
const restore = (
  open: OtcSpine,
  archiveDirectory: string,
  selection: Parameters<typeof restoreRawCaptures>[2],
) => restoreRawCaptures(open.database, [otcDomain], selection, { archiveDirectory });

describe("integration: archive and restore of raw captures", () => {
  it("archives nothing when no partition is old enough, and says how many already are", async () => {
    const { open, weeks, archiveDirectory } = await openWithWeeks(1);
    const outcome = await archive(open, archiveDirectory, weeks[0] ?? "");
    expect(outcome.archived).toEqual([]);
    expect(outcome.alreadyArchived).toBe(0);
    expect(await rawRows(open)).not.toHaveLength(0);
  });

  it("refuses a missing archive file and a corrupt one, restoring nothing", async () => {
    const { open, weeks, archiveDirectory } = await openWithWeeks(2);
    const [first, second] = [weeks[0] ?? "", weeks[1] ?? ""];
    await archive(open, archiveDirectory, "9999-12-31");
    const [firstFile, secondFile] = ["ingest", "ingest"].map((_, index) =>
      join(archiveDirectory, readdirSync(archiveDirectory).sort()[index] ?? ""),
    );
    appendFileSync(firstFile ?? "", "x");
    rmSync(secondFile ?? "");
    const corrupt = await caught(() => restore(open, archiveDirectory, { orderValue: first }));
    const missing = await caught(() => restore(open, archiveDirectory, { orderValue: second }));
    const errors = [corrupt, missing].map((error) => error.code).sort();
    expect(errors).toEqual(["NOT_FOUND", "STORAGE"]);
    expect([corrupt.message, missing.message].join(" ")).toMatch(/corrupt.*sha256|missing: no file/s);
    expect(await rawRows(open)).toEqual([]);
  });

  it("refuses to restore a capture that is not archived and a week with nothing archived", async () => {
    spine = await openOtcSpine();
    const open = spine;
    const archiveDirectory = join(open.directory, "archive");
    const weeks = [FIRST_GENERATED_WEEK];
    // Ingested, not normalized: its raw rows are in otc_raw_rows, neither archived nor released.
    const file = generatedFile("OTC", FIRST_GENERATED_WEEK);
    await open.dispatcher.submit("otc.ingest_week", { file_path: file, tier: "OTC", week_ending: weeks[0] });
    const notArchived = await caught(() =>
      restore(open, archiveDirectory, { captureId: `ingest:otc:${weeks[0]}:1` }),
    );
    expect(notArchived.code).toBe("VALIDATION");
    const nothing = await caught(() => restore(open, archiveDirectory, { orderValue: weeks[0] ?? "" }));
    expect(nothing.code).toBe("NOT_FOUND");
    expect(nothing.message).toContain("nothing is archived");
  });

  it("fails a stage that reads an archived capture's raw rows instead of computing from none", async () => {
    const { open, weeks, archiveDirectory } = await openWithWeeks(1);
    await archive(open, archiveDirectory, "9999-12-31");
    const rerun = await open.dispatcher.submit(
      "otc.normalize_week",
      { tier: "OTC", week_ending: weeks[0] ?? "" },
      { force: true },
    );
    expect(rerun.status).toBe("failed");
    expect(rerun.error).toContain(`spine restore --capture ingest:otc:${weeks[0]}:1`);
  });

  it("archives old raw captures only, keeps derived rows, and restores the raw rows exactly", async () => {
    const { open, weeks, archiveDirectory } = await openWithWeeks(3);
    const [rawBefore, summariesBefore] = [await rawRows(open), await summaryRows(open)];
    // Released rows (SQLite) keep their source file; rows kept in their table (PostgreSQL) need none.
    const released = testBackend === "sqlite";
    expect(await storedSources(open)).toBe(released ? 3 : 0);
    const outcome = await archive(open, archiveDirectory, weeks[2] ?? "");
    expect(outcome.archived.map((capture) => capture.captureId)).toEqual(
      weeks.slice(0, 2).map((week) => `ingest:otc:${week}:1`),
    );
    // Released rows (SQLite) are archived as their source file's own gzip, which leaves the
    // database; rows kept in their table (PostgreSQL) as JSON lines.
    const suffix = released ? ".source.gz" : ".jsonl.gz";
    expect(outcome.archived.map((capture) => capture.file?.endsWith(suffix))).toEqual([true, true]);
    expect(rowsOf(rawBefore, weeks[0])).toBeGreaterThan(0);
    expect(outcome.archived.map((capture) => capture.rows)).toEqual(
      [0, 1].map((index) => ({ otc_raw_rows: rowsOf(rawBefore, weeks[index]) })),
    );
    expect(await storedSources(open)).toBe(released ? 1 : 0);
    expect(readdirSync(archiveDirectory).sort()).toEqual(
      outcome.archived.map((capture) => capture.file).sort(),
    );
    const kept = rawBefore.filter((row) => String(row.capture_id).includes(weeks[2] ?? ""));
    expect(await rawRows(open)).toEqual(kept);
    expect(await summaryRows(open)).toEqual(summariesBefore);
    const again = await archive(open, archiveDirectory, weeks[2] ?? "");
    expect(again).toMatchObject({ archived: [], alreadyArchived: 2 });
    const captures = await runQuery(open, "otc.captures", { tier: "OTC", week_ending: weeks[0] });
    expect(captures.find((row) => row.stage === "ingest")).toMatchObject({ archived: true });
    const grid = await readCoverageGrid(open.database.db, otcDomain);
    expect(
      grid.rows
        .filter((row) => row.rawArchived)
        .map((row) => row.partition.week_ending)
        .sort(),
    ).toEqual(weeks.slice(0, 2));
    const restored = await restore(open, archiveDirectory, {
      orderValue: weeks[0] ?? "",
      fields: { tier: "OTC" },
    });
    expect(restored.map((capture) => capture.captureId)).toEqual([`ingest:otc:${weeks[0]}:1`]);
    await restore(open, archiveDirectory, { captureId: `ingest:otc:${weeks[1]}:1` });
    expect(await storedSources(open)).toBe(released ? 3 : 0);
    const inTables = await sql<Record<string, unknown>>`
      select * from otc_raw_rows order by capture_id, line_number`.execute(open.database.db);
    // Week 3 was released (SQLite) and stays so; kept in its table (PostgreSQL) it is there too.
    const week3 = (row: Record<string, unknown>) => String(row.capture_id).includes(weeks[2] ?? "");
    expect(inTables.rows).toEqual(released ? rawBefore.filter((row) => !week3(row)) : rawBefore);
    expect(await rawRows(open)).toEqual(rawBefore);
    const rerun = await open.dispatcher.submit(
      "otc.normalize_week",
      { tier: "OTC", week_ending: weeks[0] ?? "" },
      { force: true },
    );
    expect(rerun.status, rerun.error ?? "").toBe("completed");
  });

  it("restores an archive written before a migration dropped one of its columns", async () => {
    const { open, archiveDirectory } = await openWithWeeks(1, { rowsInTables: true });
    const rawBefore = await rawRows(open);
    // As otc_raw_rows.record_hash was archived before migration 0009 dropped it.
    await sql`alter table otc_raw_rows add column dropped_later text`.execute(open.database.db);
    await sql`update otc_raw_rows set dropped_later = 'gone'`.execute(open.database.db);
    const outcome = await archive(open, archiveDirectory, "9999-12-31");
    expect(outcome.archived).toHaveLength(1);
    await sql`alter table otc_raw_rows drop column dropped_later`.execute(open.database.db);
    const restored = await restore(open, archiveDirectory, {
      captureId: outcome.archived[0]?.captureId ?? "",
    });
    expect(restored[0]?.rows.otc_raw_rows).toBe(rawBefore.length);
    expect(restored[0]?.columnsLeftOut).toEqual({ otc_raw_rows: ["dropped_later"] });
    expect(await rawRows(open)).toEqual(rawBefore);
  });

  it("restores a selection whole or not at all when one of its captures cannot come back", async () => {
    const { open, weeks, archiveDirectory } = await openWithWeeks(1, { rowsInTables: true });
    await loadGeneratedWeeks(open, "NMS Tier 2", 1);
    await rebuildReleasedRows(open.database);
    const week = weeks[0] ?? "";
    const outcome = await archive(open, archiveDirectory, "9999-12-31");
    const ids = outcome.archived.map((capture) => capture.captureId).sort();
    expect(ids).toHaveLength(2);
    // The last capture restored meets a row already in its place.
    await sql`insert into otc_raw_rows (capture_id, line_number, raw_line) values (${ids[1]}, 2, 'in the way')`.execute(
      open.database.db,
    );
    const refused = await caught(() => restore(open, archiveDirectory, { orderValue: week }));
    expect(refused.code).toBe("STORAGE");
    expect(refused.message).toContain(`Capture ${ids[1]} cannot come back into otc_raw_rows`);
    const left = await sql<{ capture_id: string }>`select distinct capture_id from otc_raw_rows`.execute(
      open.database.db,
    );
    expect(left.rows.map((row) => row.capture_id)).toEqual([ids[1]]);
    const captures = await sql<{ archived: number }>`select count(*) as archived from core_captures
      where archived_at is not null`.execute(open.database.db);
    expect(Number(captures.rows[0]?.archived)).toBe(2);
  });

  // On SQLite a write transaction excludes every other writer already; PostgreSQL needs the lock.
  it.runIf(testBackend === "postgres")(
    "makes an archive wait while a stage that checked the raw rows still reads them",
    async () => {
      const { open, weeks, archiveDirectory } = await openWithWeeks(1, { rowsInTables: true });
      const captureId = `ingest:otc:${weeks[0]}:1`;
      const countRows = async (db: typeof open.database.db) =>
        Number(
          (
            await sql<{
              n: string;
            }>`select count(*) as n from otc_raw_rows where capture_id = ${captureId}`.execute(db)
          ).rows[0]?.n,
        );
      const before = await countRows(open.database.db);
      let archiving: Promise<unknown> = Promise.resolve();
      const seen = await open.database.transaction(async (scope) => {
        await assertRawRowsPresent(scope, captureId, { lock: true });
        archiving = archive(open, archiveDirectory, "9999-12-31");
        let settled = false;
        void archiving.finally(() => {
          settled = true;
        });
        // The archive must come to wait on this lock, with its mark of the capture (before any
        // row is deleted); finishing instead would mean the guard did not hold.
        let waitingStatement = "";
        for (let waited = 0; !settled && waitingStatement === "" && waited < 400; waited += 1) {
          const waiting = await sql<{ query: string }>`select query from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(open.database.db);
          waitingStatement = waiting.rows[0]?.query ?? "";
          if (waitingStatement === "") await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return { settled, waitingStatement, rows: await countRows(scope.db) };
      });
      expect(seen.waitingStatement).toMatch(/^update "core_captures"/);
      expect({ settled: seen.settled, rows: seen.rows }).toEqual({ settled: false, rows: before });
      await archiving;
      expect(await countRows(open.database.db)).toBe(0);
    },
  );
});
