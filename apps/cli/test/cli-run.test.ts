import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

async function tableCounts(workspace: Workspace): Promise<Record<string, number>> {
  const status = JSON.parse((await workspace.spine("db", "status", "--json")).stdout);
  return Object.fromEntries(
    status.tables.map((table: { name: string; rowCount: number }) => [table.name, table.rowCount]),
  );
}

describe("integration", () => {
  let workspace: Workspace;
  beforeEach(() => {
    workspace = createWorkspace();
  });
  afterEach(() => workspace.remove());

  describe("run before db init", () => {
    it("tells the user to run spine db init and creates no file", async () => {
      const result = await workspace.spine("run", "test.load", "-p", "week=2025-01-03");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("spine db init");
    });
  });

  describe("run", () => {
    beforeEach(async () => {
      expect((await workspace.spine("db", "init")).code).toBe(0);
    });

    it("exits 1 for a failing pipeline and leaves no rows behind", async () => {
      const result = await workspace.spine("run", "test.explode", "-p", "week=2025-01-03", "--json");
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("exploded after writing");
      const document = JSON.parse(result.stdout);
      expect(document).toMatchObject({
        ok: false,
        execution: { status: "failed" },
        error: { code: "PIPELINE_FAILED" },
      });
      const counts = await tableCounts(workspace);
      expect(counts.test_rows).toBe(0);
      expect(counts.core_manifest).toBe(0);
    });

    it("exits with the failed execution's own error code: 2 for NOT_FOUND, as if it were thrown", async () => {
      const result = await workspace.spine("run", "test.lookup", "-p", "id=nothing", "--json");
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout)).toMatchObject({
        ok: false,
        execution: { status: "failed" },
        error: { code: "NOT_FOUND" },
      });
      expect(result.stderr).toContain("Thing nothing does not exist");
    });

    it("writes nothing on --dry-run", async () => {
      const result = await workspace.spine("run", "test.backfill", "--dry-run");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("Dry run");
      expect(result.stdout).toMatch(/ {2}test\.load\s+week=2025-01-03\s+run\s+not done yet/);
      const counts = await tableCounts(workspace);
      expect(counts.core_executions).toBe(0);
      expect(counts.test_rows).toBe(0);
    });

    it("prints a dry-run plan as JSON", async () => {
      const result = await workspace.spine("run", "test.backfill", "--dry-run", "--json");
      const document = JSON.parse(result.stdout);
      expect(document.plan.steps).toHaveLength(2);
      expect(document.dryRun).toBe(true);
    });

    it("runs a staged pipeline and skips it the second time", async () => {
      const first = await workspace.spine(
        "run",
        "test.load",
        "-p",
        "week=2025-01-03",
        "-p",
        "rows=4",
        "--json",
      );
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout).execution).toMatchObject({
        status: "completed",
        metrics: { rowCount: 4 },
      });
      const second = await workspace.spine("run", "test.load", "-p", "week=2025-01-03", "--json");
      expect(JSON.parse(second.stdout).execution.status).toBe("skipped");
      const forced = await workspace.spine("run", "test.load", "-p", "week=2025-01-03", "--force", "--json");
      expect(JSON.parse(forced.stdout).execution.status).toBe("completed");
    });

    it("renders table output and includes it in --json", async () => {
      const text = await workspace.spine("run", "test.echo", "-p", "count=2", "-p", "color=red");
      expect(text.code).toBe(0);
      expect(text.stdout).toContain("status    completed");
      expect(text.stdout).toMatch(/Echo\nline\s+color\s+share/);
      // One number of decimals per column, enough for three significant digits (issue #14: 5).
      expect(text.stdout).toMatch(/\b0\.333\b/);
      const json = JSON.parse(
        (await workspace.spine("run", "test.echo", "-p", "count=1", "-p", "color=blue", "--json")).stdout,
      );
      expect(json.execution.output.table).toEqual([{ line: 1, color: "blue", share: 1 / 3 }]);
    });

    it("keeps logs off stdout and prints no progress line when stderr is not a terminal", async () => {
      const result = await workspace.spine("run", "test.echo", "-p", "count=1", "-p", "color=red");
      expect(result.logs).toContain("execution started");
      expect(result.stderr).toBe("");
    });
  });

  describe("executions", () => {
    beforeEach(async () => {
      await workspace.spine("db", "init");
    });

    it("exits 2 for an unknown execution id", async () => {
      const result = await workspace.spine("executions", "show", "nope");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('No execution with id "nope"');
    });

    it("refuses an unknown status filter", async () => {
      const result = await workspace.spine("executions", "list", "--status", "done");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("expected one of pending, running, completed, failed, skipped");
    });

    it("shows an orchestrator with its children", async () => {
      const run = JSON.parse((await workspace.spine("run", "test.backfill", "--json")).stdout);
      const shown = await workspace.spine("executions", "show", run.execution.id, "--json");
      expect(shown.code).toBe(0);
      const execution = JSON.parse(shown.stdout).execution;
      expect(execution.children.map((child: { pipeline: string }) => child.pipeline)).toEqual([
        "test.load",
        "test.load",
      ]);
      const text = await workspace.spine("executions", "show", run.execution.id);
      expect(text.stdout).toContain("Children (2)");
    });

    it("lists executions filtered by pipeline and status as JSON", async () => {
      await workspace.spine("run", "test.backfill");
      await workspace.spine("run", "test.explode", "-p", "week=2025-01-03");
      const all = JSON.parse((await workspace.spine("executions", "list", "--all", "--json")).stdout);
      expect(all.executions).toHaveLength(4);
      const failed = JSON.parse(
        (await workspace.spine("executions", "list", "--status", "failed", "--json")).stdout,
      );
      expect(failed.executions.map((record: { pipeline: string }) => record.pipeline)).toEqual([
        "test.explode",
      ]);
      const limited = JSON.parse(
        (await workspace.spine("executions", "list", "--pipeline", "test.load", "--limit", "1", "--json"))
          .stdout,
      );
      expect(limited.executions).toHaveLength(1);
    });
  });
});
