import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SpineDatabase } from "@spine/platform";
import { loadSettings, openDatabase, platformMigrations, runMigrations, sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { otcDomain } from "../src/index.js";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { createTestDatabaseLocation } from "./support/test-backend.js";

let database: SpineDatabase | undefined;
let location: TestDatabaseLocation | undefined;

afterEach(async () => {
  await database?.close();
  await location?.drop();
  database = undefined;
  location = undefined;
});

const [createOtcTables] = otcDomain.migrations;

async function insertVersionOneRows(db: SpineDatabase["db"]): Promise<void> {
  await sql`insert into otc_captures (capture_id, tier, week_ending, stage, variant, capture_number, source_file,
    source_sha256, source_revision, source_last_update_date, week_rule, row_count, execution_id, batch_id, created_at)
    values ('ingest:otc:2025-10-03:1', 'OTC', '2025-10-03', 'ingest', 'default', 1, 'f.csv', ${"a".repeat(64)}, 1,
    '2025-11-03', 'last_update_date', 1, 'execution-1', 'batch-1', '2025-11-04T00:00:00.000Z')`.execute(db);
  await sql`insert into otc_raw (capture_id, tier, week_ending, line_number, tier_text, symbol, issue_name, mpid,
    market_participant_name, share_quantity_text, trade_count_text, last_update_date, raw_line, record_hash, source_file,
    source_sha256, source_revision, source_last_update_date, execution_id, batch_id, ingested_at)
    values ('ingest:otc:2025-10-03:1', 'OTC', '2025-10-03', 2, 'OTC', 'AAAA', 'A Inc', 'MMAA', 'Venue A', '100', '2',
    '2025-11-03', 'OTC|AAAA|A Inc|Venue A|MMAA|100|2|2025-11-03', ${"b".repeat(32)}, 'f.csv', ${"a".repeat(64)}, 1,
    '2025-11-03', 'execution-1', 'batch-1', '2025-11-04T00:00:00.000Z')`.execute(db);
  await sql`insert into otc_captures (capture_id, tier, week_ending, stage, variant, capture_number, input_capture_id,
    row_count, execution_id, created_at)
    values ('normalize:otc:2025-10-03:1', 'OTC', '2025-10-03', 'normalize', 'default', 1, 'ingest:otc:2025-10-03:1', 1,
    'execution-2', '2025-11-04T00:01:00.000Z')`.execute(db);
  await sql`insert into otc_venue_volume (capture_id, tier, week_ending, calc_name, calc_version, computed_at, execution_id,
    symbol, issue_name, mpid, market_participant_name, share_volume, trade_count, avg_trade_size, line_number, record_hash)
    values ('normalize:otc:2025-10-03:1', 'OTC', '2025-10-03', 'venue_volume', 'v1', '2025-11-04T00:01:00.000Z',
    'execution-2', 'AAAA', 'A Inc', 'MMAA', 'Venue A', 100, 2, 50, 2, ${"b".repeat(32)})`.execute(db);
}

describe("integration", () => {
  it("moves raw and venue rows written before migration 0002 into the row tables and shows them, lineage included, through the views", async () => {
    location = await createTestDatabaseLocation(mkdtempSync(join(tmpdir(), "spine-raw-migration-")));
    database = await openDatabase(loadSettings(location.settings));
    const versionOne = { owner: "otc", migrations: createOtcTables ? [createOtcTables] : [] };
    await runMigrations(database, [platformMigrations, versionOne]);
    await insertVersionOneRows(database.db);

    // Up to 0008: migration 0009 later drops the record hash.
    const throughDerivedLineage = otcDomain.migrations.slice(0, 8);
    await runMigrations(database, [platformMigrations, { owner: "otc", migrations: throughDerivedLineage }]);

    const stored = await sql<
      Record<string, unknown>
    >`select capture_id, line_number, symbol, raw_line from otc_raw_rows`.execute(database.db);
    expect(stored.rows.map((row) => ({ ...row, line_number: Number(row.line_number) }))).toEqual([
      {
        capture_id: "ingest:otc:2025-10-03:1",
        line_number: 2,
        symbol: "AAAA",
        raw_line: "OTC|AAAA|A Inc|Venue A|MMAA|100|2|2025-11-03",
      },
    ]);
    const viewed = await sql<
      Record<string, unknown>
    >`select tier, week_ending, source_file, source_revision, execution_id,
      batch_id, ingested_at, record_hash from otc_raw`.execute(database.db);
    expect(viewed.rows).toEqual([
      {
        tier: "OTC",
        week_ending: "2025-10-03",
        source_file: "f.csv",
        source_revision: 1,
        execution_id: "execution-1",
        batch_id: "batch-1",
        ingested_at: "2025-11-04T00:00:00.000Z",
        record_hash: "b".repeat(32),
      },
    ]);
    const venue = await sql<Record<string, unknown>>`select * from otc_venue_volume_latest`.execute(
      database.db,
    );
    expect(
      venue.rows.map((row) => ({
        ...row,
        share_volume: Number(row.share_volume),
        trade_count: Number(row.trade_count),
        line_number: Number(row.line_number),
      })),
    ).toEqual([
      {
        capture_id: "normalize:otc:2025-10-03:1",
        tier: "OTC",
        week_ending: "2025-10-03",
        calc_name: "venue_volume",
        calc_version: "v1",
        computed_at: "2025-11-04T00:01:00.000Z",
        execution_id: "execution-2",
        symbol: "AAAA",
        issue_name: "A Inc",
        mpid: "MMAA",
        market_participant_name: "Venue A",
        share_volume: 100,
        trade_count: 2,
        avg_trade_size: 50,
        line_number: 2,
        record_hash: "b".repeat(32),
      },
    ]);

    await runMigrations(database, [platformMigrations, { owner: "otc", migrations: otcDomain.migrations }]);
    const { record_hash: _rawHash, ...rawWithoutHash } = viewed.rows[0] ?? {};
    const afterRaw = await sql<Record<string, unknown>>`select * from otc_raw`.execute(database.db);
    expect(afterRaw.rows).toHaveLength(1);
    expect(afterRaw.rows[0]).toMatchObject({ ...rawWithoutHash, line_number: expect.anything() });
    expect(afterRaw.rows[0]).not.toHaveProperty("record_hash");
    const { record_hash: _venueHash, ...venueWithoutHash } = venue.rows[0] ?? {};
    const afterVenue = await sql<Record<string, unknown>>`select * from otc_venue_volume_latest`.execute(
      database.db,
    );
    expect(afterVenue.rows).toEqual([venueWithoutHash]);
  });
});
