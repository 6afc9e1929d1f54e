import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "./open-sqlite-database.js";
import { createWalCheckpointer } from "./wal-checkpointer.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function scratchPath(): string {
  const folder = mkdtempSync(join(tmpdir(), "spine-wal-"));
  folders.push(folder);
  return join(folder, "spine.db");
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe("WAL checkpointer", () => {
  it("copies committed pages into the database file on its own thread, the writer's automatic checkpoint off", async () => {
    const path = scratchPath();
    const database = openSqliteDatabase({ path, busyTimeoutMs: 1_000 });
    try {
      await sql`create table filler (id integer primary key, text text)`.execute(database.db);
      const sizeBefore = statSync(path).size;
      // About 4 MB in one commit: under the 1,000-page (16 MB) automatic threshold, so only a
      // checkpoint asked for by the commit moves these pages into the file.
      await database.transaction(async (scope) => {
        await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 4000)
          insert into filler select i, printf('%.1000c', 'x') from n`.execute(scope.db);
      });
      expect(await until(() => statSync(path).size > sizeBefore + 3_000_000)).toBe(true);
      const autocheckpoint = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(
        database.db,
      );
      expect(autocheckpoint.rows[0]?.wal_autocheckpoint).toBe(0);
    } finally {
      await database.close();
    }
    // The thread's connection closed first, so the writer's close checkpointed and removed the WAL.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new BetterSqlite3(path, { readonly: true });
    expect(reopened.prepare("select count(*) from filler").pluck().get()).toBe(4000);
    reopened.close();
  });

  it("gives the writer its automatic checkpoint back when the thread cannot open the file", async () => {
    const path = scratchPath();
    const writer = new BetterSqlite3(path);
    writer.pragma("journal_mode = WAL");
    const checkpointer = createWalCheckpointer(writer, path, join(tmpdir(), "no-such-module", "index.js"));
    try {
      writer.exec("create table t (x)");
      checkpointer.afterCommit();
      expect(writer.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
      expect(await until(() => writer.pragma("wal_autocheckpoint", { simple: true }) === 1000)).toBe(true);
      const started = Date.now();
      checkpointer.stop();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      writer.close();
    }
  });

  it("starts no thread for a database that is never written", async () => {
    const path = scratchPath();
    const database = openSqliteDatabase({ path, busyTimeoutMs: 1_000 });
    const autocheckpoint = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(
      database.db,
    );
    await database.close();
    expect(autocheckpoint.rows[0]?.wal_autocheckpoint).toBe(1000);
  });
});
