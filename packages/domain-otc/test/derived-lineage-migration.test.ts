import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SpineDatabase } from "@spine/platform";
import {
  canonicalJson,
  loadSettings,
  openDatabase,
  platformMigrations,
  runMigrations,
  sql,
} from "@spine/platform";
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

const capture = {
  capture_id: "aggregate:otc:2025-10-03:1",
  partition: { tier: "OTC", week_ending: "2025-10-03" },
  created_at: "2025-11-04T00:02:00.000Z",
  execution_id: "execution-3",
};

// A summary row as migrations 0001-0007 stored it: the capture's lineage repeated on the row.
async function insertBeforeMigration(db: SpineDatabase["db"]): Promise<void> {
  await sql`insert into core_captures (capture_id, domain, partition_key, stage, variant, capture_number, row_count,
    execution_id, created_at)
    values (${capture.capture_id}, 'otc', ${canonicalJson(capture.partition)}, 'aggregate', 'default', 1, 1,
    ${capture.execution_id}, ${capture.created_at})`.execute(db);
  await sql`insert into otc_symbol_summary (capture_id, tier, week_ending, calc_name, calc_version, computed_at,
    execution_id, symbol, total_volume, total_trades, venue_count, avg_trade_size, issue_name)
    values (${capture.capture_id}, 'OTC', '2025-10-03', 'symbol_summary', 'v1', ${capture.created_at},
    ${capture.execution_id}, 'AAAA', 1500.25, 30, 2, 50.008333, 'A Inc')`.execute(db);
}

describe("integration", () => {
  it("moves derived rows written before migration 0008 into <table>_rows and shows them unchanged through the views", async () => {
    location = await createTestDatabaseLocation(mkdtempSync(join(tmpdir(), "spine-derived-migration-")));
    database = await openDatabase(loadSettings(location.settings));
    // Every migration before 0008, in order, as a database written before it has them.
    const beforeDerivedLineage = otcDomain.migrations.slice(0, 7);
    expect(otcDomain.migrations[7]?.name).toBe("0008_derived_lineage_per_capture");
    await runMigrations(database, [platformMigrations, { owner: "otc", migrations: beforeDerivedLineage }]);
    await insertBeforeMigration(database.db);

    await runMigrations(database, [platformMigrations, { owner: "otc", migrations: otcDomain.migrations }]);

    const expected = {
      capture_id: capture.capture_id,
      tier: "OTC",
      week_ending: "2025-10-03",
      calc_name: "symbol_summary",
      calc_version: "v1",
      computed_at: capture.created_at,
      execution_id: capture.execution_id,
      symbol: "AAAA",
      total_volume: "1500.25",
      total_trades: 30,
      venue_count: 2,
      issue_name: "A Inc",
    };
    for (const view of ["otc_symbol_summary", "otc_symbol_summary_latest"]) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(view)}`.execute(database.db);
      expect(
        rows.rows.map(({ avg_trade_size, ...row }) => ({
          ...row,
          total_volume: String(row.total_volume),
          total_trades: Number(row.total_trades),
          venue_count: Number(row.venue_count),
        })),
      ).toEqual([expected]);
    }
    const stored = await sql<Record<string, unknown>>`select * from otc_symbol_summary_rows`.execute(
      database.db,
    );
    expect(Object.keys(stored.rows[0] ?? {}).sort()).toEqual([
      "avg_trade_size",
      "calc_name",
      "calc_version",
      "capture_id",
      "issue_name",
      "symbol",
      "total_trades",
      "total_volume",
      "venue_count",
    ]);
  });
});
