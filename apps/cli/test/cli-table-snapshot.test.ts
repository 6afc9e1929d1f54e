import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SpineDatabase } from "@spine/platform";
import { loadSettings, openDatabase, sql } from "@spine/platform";
import { afterAll, describe, expect, it } from "vitest";
import { otcFixtures, spawnSpine } from "./support/spawn-spine.js";
import { differingTables, snapshotTables } from "./support/table-snapshot.js";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { createTestDatabaseLocation, postgresAdminUrl } from "./support/test-backend.js";

// The queue worker tests judge a queued backfill by this snapshot: it must see a difference in
// lineage (which week's capture a row belongs to, a capture's row count), not only in row values.
describe.skipIf(!postgresAdminUrl)("integration: the table snapshot of the queue tests (postgres)", () => {
  const directory = mkdtempSync(join(tmpdir(), "spine-snapshot-"));
  let location: TestDatabaseLocation | undefined;

  afterAll(async () => {
    await location?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  async function twoAggregateCaptures(database: SpineDatabase): Promise<[string, string]> {
    const result = await sql<{ capture_id: string }>`
      select distinct capture_id from otc_symbol_summary_rows order by capture_id limit 2`.execute(
      database.db,
    );
    const [first, second] = result.rows.map((row) => row.capture_id);
    if (first === undefined || second === undefined) throw new Error("two captures were expected");
    return [first, second];
  }

  it("sees rows filed under another week's capture and a capture's wrong row count", async () => {
    location = await createTestDatabaseLocation(directory, "postgres");
    expect((await spawnSpine(location, ["db", "init"])).code).toBe(0);
    const run = await spawnSpine(location, ["run", "otc.backfill_range", "-p", `source_dir=${otcFixtures}`]);
    expect(run.code, run.stderr).toBe(0);
    if (!("databaseUrl" in location.settings)) throw new Error("a PostgreSQL location was expected");
    const database = await openDatabase(loadSettings({ databaseUrl: location.settings.databaseUrl }, {}));
    try {
      const before = await snapshotTables(database);
      const [first, second] = await twoAggregateCaptures(database);
      // Swapped between two weeks: every `_rows` table holds the same rows as before.
      const rows = await sql<Record<string, unknown>>`
        select * from otc_symbol_summary_rows where capture_id in (${first}, ${second})`.execute(database.db);
      await sql`delete from otc_symbol_summary_rows where capture_id in (${first}, ${second})`.execute(
        database.db,
      );
      const columns = Object.keys(rows.rows[0] ?? {});
      const moved = rows.rows.map((row) =>
        columns.map((column) =>
          column === "capture_id" ? (row.capture_id === first ? second : first) : row[column],
        ),
      );
      await database.bulkInsert("otc_symbol_summary_rows", columns, moved as never);
      const swapped = differingTables(before, await snapshotTables(database));
      expect(Object.keys(swapped)).toContain("otc_symbol_summary");
      expect(Object.keys(swapped)).not.toContain("otc_symbol_summary_rows");
      await sql`update core_captures set row_count = row_count + 1 where capture_id = ${first}`.execute(
        database.db,
      );
      expect(Object.keys(differingTables(before, await snapshotTables(database)))).toContain("core_captures");
    } finally {
      await database.close();
    }
  }, 300_000);
});
