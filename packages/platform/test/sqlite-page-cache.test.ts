import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../src/database/open-sqlite-database.js";
import type { SpineDatabase } from "../src/database/spine-database.js";

let database: SpineDatabase | undefined;
let directory: string | undefined;

afterEach(async () => {
  await database?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
  database = undefined;
  directory = undefined;
});

async function cacheSize(db: SpineDatabase): Promise<number> {
  const result = await sql<{ cache_size: number }>`pragma cache_size`.execute(db.db);
  return Number(result.rows[0]?.cache_size);
}

// A fresh process that only reads (a CLI query) pays for every page a large cache takes; writes
// want the large cache. Negative sizes are KiB.
describe("integration", () => {
  it("reads with a 4 MB page cache and takes 64 MB once a write transaction begins, for the connection's life", async () => {
    directory = mkdtempSync(join(tmpdir(), "spine-cache-"));
    const path = join(directory, "cache.db");
    database = openSqliteDatabase({ path, busyTimeoutMs: 1000 });
    expect(await cacheSize(database)).toBe(-4096);
    await sql`create table readings (value integer)`.execute(database.db);
    await sql`select count(*) from readings`.execute(database.db);
    expect(await cacheSize(database)).toBe(-4096);
    await database.transaction((scope) => sql`insert into readings values (1)`.execute(scope.db));
    expect(await cacheSize(database)).toBe(-65536);
    await sql`select count(*) from readings`.execute(database.db);
    expect(await cacheSize(database)).toBe(-65536);
    await database.close();
    database = openSqliteDatabase({ path, busyTimeoutMs: 1000 });
    expect(await cacheSize(database)).toBe(-4096);
  });
});
