import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { retainStatements } from "./retained-statements.js";

const opened: BetterSqlite3.Database[] = [];
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

function open(): BetterSqlite3.Database {
  const connection = retainStatements(new BetterSqlite3(":memory:"));
  opened.push(connection);
  connection.exec("create table t (n integer); insert into t values (1), (2), (3)");
  return connection;
}

describe("retainStatements", () => {
  it("prepares each SQL text once and hands every caller objects, whatever the last one plucked", () => {
    const connection = open();
    const first = connection.prepare("select n from t order by n");
    expect(first.pluck().all()).toEqual([1, 2, 3]);
    const second = connection.prepare("select n from t order by n");
    expect(second).toBe(first);
    expect(second.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it("gives a second statement while the first is still iterating", () => {
    const connection = open();
    const outer = connection.prepare("select n from t order by n");
    const seen: number[] = [];
    for (const row of outer.iterate() as Iterable<{ n: number }>) {
      const inner = connection.prepare("select n from t order by n");
      expect(inner).not.toBe(outer);
      seen.push(row.n, (inner.all() as { n: number }[]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
    expect(connection.prepare("select n from t order by n")).toBe(outer);
  });

  it("answers pragmas as better-sqlite3 does, simple or not, with or without a result", () => {
    const connection = open();
    expect(connection.pragma("foreign_keys = ON")).toEqual([]);
    expect(connection.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(connection.pragma("foreign_keys")).toEqual([{ foreign_keys: 1 }]);
    expect(connection.pragma("user_version = 7")).toEqual([]);
    expect(connection.pragma("user_version", { simple: true })).toBe(7);
  });
});
