import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstDifference, listRelations, readComparable } from "./support/compare-tables.js";
import { fixturesDirectory, openOtcSpine } from "./support/otc-spine.js";
import { rebuildReleasedRows } from "./support/released-raw-rows.js";
import { testBackend } from "./support/test-backend.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;

// Relative for large magnitudes, absolute near zero: the 1e-12 the two backends' doubles must agree to.
const tolerance = 1e-12;

const backfill = {
  tier: "all",
  start_week: "2025-10-03",
  end_week: "2025-11-07",
  source_dir: join(fixturesDirectory, "generated"),
};

// The same fixtures through the same pipelines on both backends must derive identical tables.
describe.runIf(testBackend === "postgres")("integration (SQLite and PostgreSQL parity)", () => {
  let sqlite: OtcSpine;
  let postgres: OtcSpine;

  beforeAll(async () => {
    sqlite = await openOtcSpine({ backend: "sqlite" });
    postgres = await openOtcSpine({ backend: "postgres" });
    const [onSqlite, onPostgres] = await Promise.all([
      sqlite.dispatcher.submit("otc.backfill_range", backfill),
      postgres.dispatcher.submit("otc.backfill_range", backfill),
    ]);
    expect(onSqlite.status, JSON.stringify(onSqlite.error)).toBe("completed");
    expect(onPostgres.status, JSON.stringify(onPostgres.error)).toBe("completed");
  }, 180_000);

  afterAll(async () => {
    await sqlite?.cleanup();
    await postgres?.cleanup();
  });

  it("creates the same tables and views", async () => {
    const prefixes = ["otc_", "core_"];
    expect(await listRelations(postgres.database, prefixes)).toEqual(
      await listRelations(sqlite.database, prefixes),
    );
  });

  it("derives every OTC table and _latest view row for row (floats within 1e-12)", async () => {
    const relations = await listRelations(sqlite.database, ["otc_"]);
    expect(relations).toContain("otc_research_snapshot_latest");
    // SQLite released the raw rows once normalized (PostgreSQL keeps them): rebuilt from the stored
    // sources, they must equal the rows PostgreSQL kept.
    expect((await rebuildReleasedRows(sqlite.database)).length).toBeGreaterThan(0);
    expect(await rebuildReleasedRows(postgres.database)).toEqual([]);
    const differences: string[] = [];
    for (const relation of relations) {
      const left = await readComparable(sqlite.database, relation);
      const right = await readComparable(postgres.database, relation);
      if (relation !== "otc_captures" && relation !== "otc_captures_latest")
        expect(left.length, relation).toBeGreaterThan(0);
      const difference = firstDifference(left, right, tolerance);
      if (difference) differences.push(`${relation}: ${difference}`);
    }
    expect(differences).toEqual([]);
  });

  it("records the same rejects, quality checks and manifest", async () => {
    // A quality message prints its measured float in full; actual_value holds the same number.
    const ignored = ["message"];
    for (const table of ["core_rejects", "core_quality", "core_manifest"]) {
      const left = await readComparable(sqlite.database, table, ignored);
      const right = await readComparable(postgres.database, table, ignored);
      expect(firstDifference(left, right, tolerance), table).toBeNull();
    }
  });
});
