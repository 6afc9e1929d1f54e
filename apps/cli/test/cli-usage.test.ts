import { existsSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

describe("integration", () => {
  let workspace: Workspace;
  beforeEach(() => {
    workspace = createWorkspace();
  });
  afterEach(() => workspace.remove());

  describe("usage errors", () => {
    it("exits 2 naming close matches for an unknown pipeline", async () => {
      const result = await workspace.spine("run", "test.lod");
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: Unknown pipeline "test\.lod"\. Did you mean test\.load/);
      expect(result.stdout).toBe("");
    });

    it("exits 2 for run no.such and names registered pipelines", async () => {
      const result = await workspace.spine("run", "no.such");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("test.");
    });

    it("exits 2 naming close matches for an unknown command", async () => {
      const result = await workspace.spine("lsit");
      expect(result.code).toBe(2);
      expect(result.stderr).toBe("error: Unknown command 'lsit'. Did you mean list?\n");
    });

    it("names close sub-commands of a group", async () => {
      const result = await workspace.spine("db", "stauts");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Did you mean status");
    });

    it("exits 2 for an unknown option", async () => {
      const result = await workspace.spine("list", "--jsn");
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/unknown option '--jsn'/);
    });

    it("prints the JSON error document for usage errors under --json", async () => {
      const result = await workspace.spine("run", "no.such", "--json");
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    });

    it("lists every invalid parameter with its expected values", async () => {
      const result = await workspace.spine(
        "run",
        "test.echo",
        "-p",
        "count=many",
        "-p",
        "color=purple",
        "-p",
        "lowd=1",
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Invalid parameters for test.echo:");
      expect(result.stderr).toMatch(/count: .*expected number/);
      expect(result.stderr).toMatch(/color: .*expected one of red, green, blue/);
      expect(result.stderr).toMatch(/lowd: unknown parameter; did you mean loud/);
    });

    it("reports a missing required parameter", async () => {
      const result = await workspace.spine("run", "test.echo", "-p", "color=red");
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/count: is required/);
    });

    it("names the expected form of a malformed -p", async () => {
      const result = await workspace.spine("run", "test.echo", "-p", "count");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("expected the form key=value");
    });

    it("refuses db reset without --yes", async () => {
      await workspace.spine("db", "init");
      const result = await workspace.spine("db", "reset");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("without --yes");
      const status = JSON.parse((await workspace.spine("db", "status", "--json")).stdout);
      expect(status.current).toBe(true);
    });

    it("refuses --json together with --csv", async () => {
      const result = await workspace.spine("query", "test.rows", "--json", "--csv");
      expect(result.code).toBe(2);
    });

    it("exits 2 for a bad log level, naming the flag that was typed (issue #14: 7)", async () => {
      const result = await workspace.spine("--log-level", "loud", "db", "init");
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--log-level "loud"');
      expect(result.stderr).not.toContain("SPINE_LOG_LEVEL");
    });

    it("prints help on stdout and exits 0", async () => {
      const result = await workspace.spine("--help");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("Usage: spine");
    });
  });

  describe("list and describe", () => {
    it("describes an unknown pipeline as NOT_FOUND with suggestions", async () => {
      const result = await workspace.spine("describe", "test.ech", "--json");
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout).error.details.suggestions).toContain("test.echo");
    });

    it("lists pipelines and queries as JSON without creating a database", async () => {
      const result = await workspace.spine("list", "--json");
      expect(result.code).toBe(0);
      const catalog = JSON.parse(result.stdout);
      expect(catalog.pipelines.map((entry: { name: string }) => entry.name)).toEqual([
        "test.backfill",
        "test.echo",
        "test.explode",
        "test.load",
        "test.lookup",
      ]);
      expect(catalog.queries[0].name).toBe("test.rows");
      expect(existsSync(workspace.databasePath)).toBe(false);
    });

    it("lists pipelines as text with a parameter summary", async () => {
      const result = await workspace.spine("list");
      expect(result.stdout).toContain("count:number* loud:boolean=false color:red|green|blue*");
    });

    it("describes parameters with types, defaults and allowed values", async () => {
      const result = await workspace.spine("describe", "test.echo", "--json");
      const entry = JSON.parse(result.stdout);
      expect(entry.parameters).toEqual([
        { name: "count", type: "number", required: true, description: "how many lines" },
        { name: "loud", type: "boolean", required: false, default: false, description: "shout" },
        {
          name: "color",
          type: "enum",
          required: true,
          description: "paint color",
          allowedValues: ["red", "green", "blue"],
        },
      ]);
    });

    it("shows the stage of a staged pipeline", async () => {
      const result = await workspace.spine("describe", "test.load");
      expect(result.stdout).toContain("stage: test/load");
    });

    it("describes queries too", async () => {
      const result = await workspace.spine("describe", "test.rows", "--json");
      expect(JSON.parse(result.stdout)).toMatchObject({ kind: "query", name: "test.rows" });
    });
  });
});
