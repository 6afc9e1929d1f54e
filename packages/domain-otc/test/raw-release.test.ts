import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { addWeeks } from "@spine/finra";
import {
  archiveRawCaptures,
  compressSourceFile,
  readCoverageGrid,
  restoreRawCaptures,
  sql,
  storeSource,
  storeSourceAlongside,
} from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { otcDomain } from "../src/index.js";
import { caught } from "./support/caught-spine-error.js";
import { FIRST_GENERATED_WEEK, generatedFile } from "./support/generated-weeks.js";
import { openOtcSpine } from "./support/otc-spine.js";
import { runQuery } from "./support/run-query.js";
import { testBackend } from "./support/test-backend.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine | undefined;
afterEach(async () => {
  await spine?.cleanup();
  spine = undefined;
});

const week = FIRST_GENERATED_WEEK;
const partition = { tier: "OTC", week_ending: week };
const file = generatedFile("OTC", week);
const ingestId = `ingest:otc:${week}:1`;

async function rows<T = Record<string, unknown>>(open: OtcSpine, query: string): Promise<T[]> {
  return (await sql<T>`${sql.raw(query)}`.execute(open.database.db)).rows;
}

const rawRows = (open: OtcSpine) => rows(open, "select * from otc_raw_rows order by capture_id, line_number");
const venueRows = (open: OtcSpine) =>
  rows(
    open,
    `select symbol, mpid, issue_name, market_participant_name, share_volume, trade_count, line_number
       from otc_venue_volume_latest order by symbol, mpid`,
  );

async function submit(open: OtcSpine, pipeline: string, params: Record<string, unknown>, force = false) {
  const execution = await open.dispatcher.submit(pipeline, params, { force });
  if (execution.status !== "completed") throw new Error(`${pipeline}: ${execution.error}`);
  return execution;
}

async function ingestedAndNormalized() {
  spine = await openOtcSpine();
  await submit(spine, "otc.ingest_week", { file_path: file, ...partition });
  const ingested = await rawRows(spine);
  await submit(spine, "otc.normalize_week", partition);
  return { open: spine, ingested };
}

// SQLite reuses deleted space at once, so normalize releases the raw rows it read; PostgreSQL keeps
// them (dead tuples would wait for a vacuum): SqlCapabilities.reusesDeletedSpaceAtOnce.
describe.runIf(testBackend === "sqlite")("integration: raw rows released once normalized", () => {
  it("keeps the file once, compressed, and releases the rows normalize read", async () => {
    const { open, ingested } = await ingestedAndNormalized();
    expect(ingested.length).toBeGreaterThan(100);
    expect(await rawRows(open)).toEqual([]);
    const [release] = await rows<{ capture_id: string; rows: string }>(
      open,
      "select * from core_raw_releases",
    );
    expect(release?.capture_id).toBe(ingestId);
    expect(JSON.parse(release?.rows ?? "{}")).toEqual({ otc_raw_rows: ingested.length });
    const [stored] = await rows<{ byte_count: number; stored_byte_count: number; encoding: string }>(
      open,
      "select byte_count, stored_byte_count, encoding from core_stored_sources",
    );
    expect(Number(stored?.byte_count)).toBe(readFileSync(file).length);
    expect(Number(stored?.stored_byte_count)).toBeLessThan(Number(stored?.byte_count) / 3);
  });

  it("releases only its own rows while the raw table holds other weeks' (before and after it)", async () => {
    spine = await openOtcSpine();
    const open = spine;
    const weeks = [week, addWeeks(week, 1), addWeeks(week, 2)];
    for (const other of weeks)
      await submit(open, "otc.ingest_week", {
        file_path: generatedFile("OTC", other),
        tier: "OTC",
        week_ending: other,
      });
    const before = await rawRows(open);
    await submit(open, "otc.normalize_week", { tier: "OTC", week_ending: weeks[1] });
    const kept = before.filter((row) => row.capture_id !== `ingest:otc:${weeks[1]}:1`);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(before.length);
    expect(await rawRows(open)).toEqual(kept);
  });

  it("rebuilds the rows for a forced normalize, which then writes the same venue rows", async () => {
    const { open } = await ingestedAndNormalized();
    const before = await venueRows(open);
    const rerun = await submit(open, "otc.normalize_week", partition, true);
    expect(rerun.metrics.capture_id).toBe(`normalize:otc:${week}:2`);
    expect(await venueRows(open)).toEqual(before);
    expect(await rawRows(open)).toEqual([]);
  });

  it("restores a released capture's rows exactly as ingest wrote them", async () => {
    const { open, ingested } = await ingestedAndNormalized();
    const restored = await restoreRawCaptures(
      open.database,
      [otcDomain],
      { captureId: ingestId },
      { archiveDirectory: "/nonexistent" },
    );
    expect(restored.map((capture) => capture.rows)).toEqual([{ otc_raw_rows: ingested.length }]);
    expect(await rawRows(open)).toEqual(ingested);
    expect(await rows(open, "select * from core_raw_releases")).toEqual([]);
  });

  it("fails a rebuild from a corrupt stored source, changing nothing", async () => {
    const { open } = await ingestedAndNormalized();
    const before = await venueRows(open);
    await sql`update core_stored_sources set content = ${gzipSync(Buffer.from("not the file\n"))}`.execute(
      open.database.db,
    );
    const rerun = await open.dispatcher.submit("otc.normalize_week", partition, { force: true });
    expect(rerun.status).toBe("failed");
    expect(rerun.error).toMatch(/stored source [0-9a-f]{64} is corrupt/);
    expect(await venueRows(open)).toEqual(before);
    expect(await rawRows(open)).toEqual([]);
    expect(await rows(open, "select capture_id from core_raw_releases")).toEqual([{ capture_id: ingestId }]);
  });
});

describe.runIf(testBackend === "postgres")("integration: raw rows kept where deleted space waits", () => {
  it("keeps the raw rows after normalize, line for line, and no copy of the file", async () => {
    const { open, ingested } = await ingestedAndNormalized();
    expect(ingested.length).toBeGreaterThan(100);
    expect(await rawRows(open)).toEqual(ingested);
    expect(await rows(open, "select capture_id from core_raw_releases")).toEqual([]);
    expect(await rows(open, "select encoding from core_stored_sources")).toEqual([]);
    const lines = readFileSync(file, "utf8").trimEnd().split("\n").slice(1);
    const rebuilt = await rows<{ raw_line: string }>(
      open,
      "select raw_line from otc_raw order by line_number",
    );
    expect(rebuilt.map((row) => row.raw_line)).toEqual(lines);
  });
});

describe("integration: stored sources", () => {
  it("shows in otc.captures and the coverage grid which captures' raw rows were released", async () => {
    const { open } = await ingestedAndNormalized();
    // Released where the backend reuses deleted space at once (SQLite); kept otherwise.
    const released = open.database.sql.reusesDeletedSpaceAtOnce;
    const captures = await runQuery(open, "otc.captures", partition);
    expect(captures.map((row) => [row.stage, row.raw_rows_released])).toEqual([
      ["ingest", released],
      ["normalize", false],
    ]);
    const grid = await readCoverageGrid(open.database.db, otcDomain);
    expect(grid.rows.map((row) => [row.partition.week_ending, row.rawReleased, row.rawArchived])).toEqual([
      [week, released, false],
    ]);
  });

  it("refuses to store a file that is not the one the capture recorded", async () => {
    spine = await openOtcSpine();
    const open = spine;
    const compressed = await compressSourceFile(file);
    const refused = await caught(() =>
      storeSource(open.database, compressed, { sha256: "0".repeat(64), path: file, storedAt: "2026-01-01" }),
    );
    expect(refused.code).toBe("SOURCE");
    expect(refused.message).toContain("changed while it was loaded");
    expect(await rows(open, "select sha256 from core_stored_sources")).toEqual([]);
  });

  it("refuses a file that changed since it was placed on every backend, storing it only where sources are kept", async () => {
    spine = await openOtcSpine();
    const scope = spine.database;
    const options = { storedAt: "2026-01-01" };
    const changed = await storeSourceAlongside(scope, file, { ...options, sha256: "0".repeat(64) });
    const refused = await caught(() => changed(scope));
    expect(refused.code).toBe("SOURCE");
    expect(refused.message).toContain("changed while it was loaded");
    const sha256 = (await compressSourceFile(file)).sha256;
    await (await storeSourceAlongside(scope, file, { ...options, sha256 }))(scope);
    const stored = await rows<{ sha256: string }>(spine, "select sha256 from core_stored_sources");
    expect(stored).toEqual(scope.sql.reusesDeletedSpaceAtOnce ? [{ sha256 }] : []);
  });

  // Sources are kept only where raw rows are released (keepsStoredSources: SQLite); elsewhere the
  // same steps leave none.
  it("removes the stored source with the last capture that records it", async () => {
    const { open } = await ingestedAndNormalized();
    const kept = open.database.sql.reusesDeletedSpaceAtOnce ? 1 : 0;
    await submit(open, "otc.ingest_week", { file_path: file, ...partition }, true);
    await submit(open, "otc.normalize_week", partition);
    const count = async () => (await rows(open, "select sha256 from core_stored_sources")).length;
    expect(await count()).toBe(kept);
    await submit(open, "otc.rollback_capture", { capture_id: `ingest:otc:${week}:2` });
    expect(await count()).toBe(kept);
    const rollback = await submit(open, "otc.rollback_capture", { capture_id: ingestId });
    expect(rollback.metrics.rows_removed).toBeGreaterThan(100);
    expect(await count()).toBe(0);
    expect(await rows(open, "select * from core_raw_releases")).toEqual([]);
  });

  it("removes the stored source once the only capture left recording it is archived", async () => {
    const { open, ingested } = await ingestedAndNormalized();
    const kept = open.database.sql.reusesDeletedSpaceAtOnce ? 1 : 0;
    const archiveDirectory = mkdtempSync(join(tmpdir(), "spine-archive-"));
    try {
      const archived = await archiveRawCaptures(open.database, [otcDomain], {
        before: addWeeks(week, 1),
        archiveDirectory,
      });
      expect(archived.archived.map((capture) => capture.captureId)).toEqual([ingestId]);
      await submit(open, "otc.ingest_week", { file_path: file, ...partition }, true);
      const count = async () => (await rows(open, "select sha256 from core_stored_sources")).length;
      expect(await count()).toBe(kept);
      await submit(open, "otc.rollback_capture", { capture_id: `ingest:otc:${week}:2` });
      // The archived capture has its own file: nothing needs the stored copy any longer.
      expect(await count()).toBe(0);
      await restoreRawCaptures(open.database, [otcDomain], { captureId: ingestId }, { archiveDirectory });
      expect(await rawRows(open)).toEqual(ingested);
    } finally {
      rmSync(archiveDirectory, { recursive: true, force: true });
    }
  });
});
