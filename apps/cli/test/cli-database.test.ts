import { existsSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";
import { testBackend } from "./support/test-backend.js";

// A PostgreSQL database always exists and is never a file: these are about SQLite files.
const sqliteOnly = it.skipIf(testBackend === "postgres");

describe("integration", () => {
  let workspace: Workspace;
  beforeEach(() => {
    workspace = createWorkspace();
  });
  afterEach(() => workspace.remove());

  describe("db", () => {
    sqliteOnly("reports a missing database in db status instead of creating it", async () => {
      const result = await workspace.spine("db", "status");
      expect(result.code).toBe(2);
      expect(existsSync(workspace.databasePath)).toBe(false);
    });

    sqliteOnly("reports a corrupt database file as an internal error", async () => {
      writeFileSync(workspace.databasePath, "this is not sqlite");
      const result = await workspace.spine("db", "init");
      expect(result.code).toBe(70);
      expect(result.stderr).toMatch(/^error: /);
    });

    it("creates the folder of a new SQLite file", async () => {
      const nested = `${workspace.directory}/data/nested/spine.db`;
      const result = await workspace.spine("--db", nested, "db", "init");
      expect(result.code).toBe(0);
      expect(existsSync(nested)).toBe(true);
    });

    it("applies migrations once and then has nothing to apply", async () => {
      const first = await workspace.spine("db", "init", "--json");
      expect(first.code).toBe(0);
      const applied = JSON.parse(first.stdout).applied.map((state: { owner: string }) => state.owner);
      expect(applied).toEqual([
        "platform",
        "platform",
        "platform",
        "platform",
        "platform",
        "platform",
        "platform",
        "platform",
        "platform",
        "platform",
        "test",
      ]);
      const second = await workspace.spine("db", "init");
      expect(second.stdout).toContain("Nothing to apply");
      expect(second.stderr).not.toContain("demo");
      expect(JSON.parse(first.stdout).demoData).toEqual([]);
    });

    it("shows migration states and row counts as JSON", async () => {
      await workspace.spine("db", "init");
      const result = await workspace.spine("db", "status", "--json");
      expect(result.code).toBe(0);
      const status = JSON.parse(result.stdout);
      expect(status.current).toBe(true);
      expect(status.migrations.every((state: { state: string }) => state.state === "applied")).toBe(true);
      expect(status.tables.find((table: { name: string }) => table.name === "test_rows")).toEqual({
        name: "test_rows",
        kind: "table",
        rowCount: 0,
      });
    });

    it("resets with --yes, deleting data and re-initialising", async () => {
      await workspace.spine("db", "init");
      await workspace.spine("run", "test.load", "-p", "week=2025-01-03");
      const result = await workspace.spine("db", "reset", "--yes", "--json");
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).applied.length).toBeGreaterThan(0);
      const { rows } = JSON.parse((await workspace.spine("query", "test.rows", "--json")).stdout);
      expect(rows).toEqual([]);
    });

    it("prints the schema of a fresh database without touching the configured one", async () => {
      const result = await workspace.spine("db", "schema");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('CREATE TABLE "test_rows"');
      expect(result.stdout).toContain('CREATE TABLE "core_executions"');
      expect(existsSync(workspace.databasePath)).toBe(false);
    });
  });

  describe("doctor", () => {
    // On PostgreSQL the database check passes (the server is reachable); see cli-postgres.test.ts.
    sqliteOnly("fails with exit 1 when migrations are pending", async () => {
      const result = await workspace.spine("doctor", "--json");
      expect(result.code).toBe(1);
      const document = JSON.parse(result.stdout);
      expect(document.ok).toBe(false);
      expect(document.checks.find((check: { name: string }) => check.name === "database").ok).toBe(false);
    });

    it("passes every check on an initialised database", async () => {
      await workspace.spine("db", "init");
      const result = await workspace.spine("doctor", "--json");
      expect(result.code).toBe(0);
      const document = JSON.parse(result.stdout);
      expect(document.checks.map((check: { name: string; ok: boolean }) => [check.name, check.ok])).toEqual([
        ["node", true],
        ["database", true],
        ["migrations", true],
        ["registry", true],
      ]);
    });
  });

  describe("query", () => {
    beforeEach(async () => {
      await workspace.spine("db", "init");
      await workspace.spine("run", "test.load", "-p", "week=2025-01-03", "-p", "rows=2");
      await workspace.spine("run", "test.load", "-p", "week=2025-01-10", "-p", "rows=1");
    });

    it("exits 2 for an unknown query naming close matches", async () => {
      const result = await workspace.spine("query", "test.row");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Did you mean test.rows");
    });

    it("exits 2 for an unknown query parameter", async () => {
      const result = await workspace.spine("query", "test.rows", "-p", "weak=2025-01-03");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Invalid parameters for test.rows");
    });

    it("prints rows as an aligned table", async () => {
      const result = await workspace.spine("query", "test.rows", "-p", "week=2025-01-03");
      expect(result.stdout).toBe(
        [
          "week        position",
          "----------  --------",
          "2025-01-03         0",
          "2025-01-03         1",
          "",
        ].join("\n"),
      );
    });

    it("prints rows in the JSON envelope and as CSV", async () => {
      const json = JSON.parse((await workspace.spine("query", "test.rows", "--json")).stdout);
      expect(json).toMatchObject({ ok: true, query: "test.rows", rowCount: 3 });
      expect(json.rows).toHaveLength(3);
      const csv = await workspace.spine("query", "test.rows", "-p", "week=2025-01-10", "--csv");
      expect(csv.stdout).toBe("week,position\r\n2025-01-10,0\r\n");
    });

    it("lists queries with --list or without a name", async () => {
      expect((await workspace.spine("query")).stdout).toContain("test.rows");
      const listed = JSON.parse((await workspace.spine("query", "--list", "--json")).stdout);
      expect(listed.queries[0].name).toBe("test.rows");
    });

    it("offers <domain> <query> shorthands", async () => {
      const result = await workspace.spine("test", "rows", "--csv");
      expect(result.code).toBe(0);
      expect(result.stdout.split("\r\n")).toHaveLength(5);
    });
  });
});
