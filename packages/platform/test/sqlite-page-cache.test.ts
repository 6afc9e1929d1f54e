import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../src/database/open-sqlite-database.js";
import type { SpineDatabase } from "../src/database/spine-database.js";
import { useCleanups } from "./support/scratch-database.js";
import { createTemporaryDirectory } from "./support/temporary-spine.js";

const cleanups = useCleanups();

function openFile(path: string): SpineDatabase {
  const database = openSqliteDatabase({ path, busyTimeoutMs: 1000 });
  cleanups.push(() => database.close());
  return database;
}

async function cacheSize(database: SpineDatabase): Promise<number> {
  const result = await sql<{ cache_size: number }>`pragma cache_size`.execute(database.db);
  return Number(result.rows[0]?.cache_size);
}

// A fresh process that only reads (a CLI query) pays for every page a large cache takes; writes
// want the large cache. Negative sizes are KiB.
describe("integration", () => {
  it("reads with a 4 MB page cache and takes 64 MB once a write transaction begins, for the connection's life", async () => {
    const directory = createTemporaryDirectory();
    cleanups.push(directory.remove);
    const path = join(directory.path, "cache.db");
    const database = openFile(path);
    expect(await cacheSize(database)).toBe(-4096);
    await sql`create table readings (value integer)`.execute(database.db);
    await sql`select count(*) from readings`.execute(database.db);
    expect(await cacheSize(database)).toBe(-4096);
    await database.transaction((scope) => sql`insert into readings values (1)`.execute(scope.db));
    expect(await cacheSize(database)).toBe(-65536);
    await sql`select count(*) from readings`.execute(database.db);
    expect(await cacheSize(database)).toBe(-65536);
    expect(await cacheSize(openFile(path))).toBe(-4096);
  });
});
