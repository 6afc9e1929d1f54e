import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createBackgroundCheckpointer } from "../src/database/background-checkpointer.js";
import { openSqliteDatabase } from "../src/database/open-sqlite-database.js";

let directory: string | undefined;
const connections: BetterSqlite3.Database[] = [];

afterEach(() => {
  for (const connection of connections.splice(0)) connection.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

// A WAL-mode file whose last commit left every page in the -wal file (no automatic checkpoint).
function fileWithLargeWal(): { path: string; connection: BetterSqlite3.Database } {
  directory = mkdtempSync(join(tmpdir(), "spine-checkpoint-"));
  const path = join(directory, "wal.db");
  const connection = new BetterSqlite3(path);
  connections.push(connection);
  connection.pragma("journal_mode = WAL");
  connection.pragma("wal_autocheckpoint = 0");
  connection.exec("create table filler (value text)");
  const insert = connection.prepare("insert into filler values (?)");
  connection.transaction(() => {
    for (let row = 0; row < 2000; row += 1) insert.run("x".repeat(1000));
  })();
  return { path, connection };
}

describe("integration", () => {
  it("copies a large WAL into the database file from its worker, not the caller's connection", async () => {
    const { path } = fileWithLargeWal();
    const sizeBefore = statSync(path).size;
    let checkpointsHere = 0;
    const checkpointer = createBackgroundCheckpointer({
      path,
      busyTimeoutMs: 1000,
      thresholdBytes: 1024 * 1024,
      checkpointHere: () => {
        checkpointsHere += 1;
      },
    });
    checkpointer.afterCommit();
    await checkpointer.close();
    expect(checkpointsHere).toBe(0);
    expect(statSync(path).size).toBeGreaterThan(sizeBefore + 2000 * 1000);
  });

  it("leaves a WAL under the threshold alone and starts no worker", async () => {
    const { path } = fileWithLargeWal();
    const sizeBefore = statSync(path).size;
    const checkpointer = createBackgroundCheckpointer({
      path,
      busyTimeoutMs: 1000,
      thresholdBytes: 64 * 1024 * 1024,
      checkpointHere: () => {
        throw new Error("no checkpoint expected");
      },
    });
    checkpointer.afterCommit();
    await checkpointer.close();
    expect(statSync(path).size).toBe(sizeBefore);
  });

  it("falls back to the caller's connection once the worker cannot checkpoint", async () => {
    const { path, connection } = fileWithLargeWal();
    let checkpointsHere = 0;
    const checkpointer = createBackgroundCheckpointer({
      path,
      busyTimeoutMs: 1000,
      thresholdBytes: 1024 * 1024,
      driverPath: join(directory ?? "", "no-such-driver.js"),
      checkpointHere: () => {
        checkpointsHere += 1;
        connection.pragma("wal_checkpoint(PASSIVE)");
      },
    });
    checkpointer.afterCommit();
    await checkpointer.close();
    expect(checkpointsHere).toBe(0);
    checkpointer.afterCommit();
    expect(checkpointsHere).toBe(1);
    await checkpointer.close();
  });

  it("keeps every committed row across a background checkpoint and a reopen", async () => {
    directory = mkdtempSync(join(tmpdir(), "spine-checkpoint-"));
    const path = join(directory, "spine.db");
    const database = openSqliteDatabase({ path, busyTimeoutMs: 1000 });
    await sql`create table filler (value text)`.execute(database.db);
    const rows = Array.from({ length: 20_000 }, (_, index) => [`${index}:${"y".repeat(1000)}`]);
    await database.transaction((scope) => scope.bulkInsert("filler", ["value"], rows));
    await database.transaction((scope) => scope.bulkInsert("filler", ["value"], rows.slice(0, 10)));
    await database.close();
    const reopened = new BetterSqlite3(path, { readonly: true });
    connections.push(reopened);
    expect(reopened.prepare("select count(*) from filler").pluck().get()).toBe(20_010);
    expect(reopened.pragma("journal_mode", { simple: true })).toBe("wal");
  });
});
