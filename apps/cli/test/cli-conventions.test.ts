import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeGate, conventionsDomain, gate } from "./support/conventions-domain.js";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";
import { testDomain } from "./support/test-domain.js";

// Values under these keys are data (query rows, parameters by their declared names, pipeline
// metrics and output, backend settings), not keys of the envelope: they keep their own names.
const dataKeys = new Set(["rows", "params", "metrics", "output", "settings", "default", "table"]);

function nonCamelKeys(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => nonCamelKeys(item, `${path}[${index}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(/^[a-z][a-zA-Z0-9]*$/.test(key) ? [] : [`${path}.${key}`]),
    ...(dataKeys.has(key) ? [] : nonCamelKeys(inner, `${path}.${key}`)),
  ]);
}

function envelope(stdout: string): Record<string, unknown> {
  const document = JSON.parse(stdout) as Record<string, unknown>;
  expect(document).toBeTypeOf("object");
  expect(Array.isArray(document)).toBe(false);
  expect(document.ok).toBeTypeOf("boolean");
  expect(nonCamelKeys(document)).toEqual([]);
  return document;
}

describe("integration", () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = createWorkspace([testDomain, conventionsDomain]);
    await workspace.spine("db", "init");
  });
  afterEach(() => workspace.remove());

  describe("kebab-case names (issue #14: 7)", () => {
    it("takes a query's shorthand in kebab-case, the snake_case one as an alias", async () => {
      const kebab = await workspace.spine("conv", "week-echo", "-p", "week_ending=2025-01-03", "--json");
      expect(kebab.code, kebab.stderr).toBe(0);
      expect(JSON.parse(kebab.stdout).rows).toEqual([
        { week_ending: "2025-01-03", tier: "OTC", loud: false },
      ]);
      const snake = await workspace.spine("conv", "week_echo", "-p", "week_ending=2025-01-03", "--json");
      expect(snake.stdout).toBe(kebab.stdout);
      const help = await workspace.spine("conv", "--help");
      expect(help.stdout).toMatch(/week-echo\|week_echo/);
    });

    it("takes pipeline and query names in kebab-case wherever a name is typed", async () => {
      const query = await workspace.spine(
        "query",
        "conv.week-echo",
        "-p",
        "week_ending=2025-01-03",
        "--json",
      );
      expect(JSON.parse(query.stdout)).toMatchObject({ ok: true, query: "conv.week_echo", rowCount: 1 });
      const described = await workspace.spine("describe", "conv.week-echo", "--json");
      expect(JSON.parse(described.stdout)).toMatchObject({ ok: true, name: "conv.week_echo" });
      const planned = await workspace.spine("run", "conv.gated-backfill", "--dry-run", "--json");
      expect(planned.code, planned.stderr).toBe(0);
    });
  });

  describe("parameter options (issue #14: 7)", () => {
    it("takes declared parameters as --kebab-case options beside -p", async () => {
      const result = await workspace.spine(
        "query",
        "conv.week_echo",
        "--week-ending",
        "2025-11-14",
        "--tier=T1",
        "--loud",
        "--json",
      );
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).rows).toEqual([{ week_ending: "2025-11-14", tier: "T1", loud: true }]);
      const mixed = await workspace.spine(
        "conv",
        "week-echo",
        "-p",
        "tier=T2",
        "--week-ending",
        "2025-11-21",
        "--no-loud",
        "--json",
      );
      expect(JSON.parse(mixed.stdout).rows).toEqual([{ week_ending: "2025-11-21", tier: "T2", loud: false }]);
    });

    it("runs a pipeline and exports a query with parameter options", async () => {
      const run = await workspace.spine("run", "test.echo", "--count", "2", "--color", "red", "--json");
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).execution.output.table).toHaveLength(2);
      const out = join(workspace.directory, "echo.csv");
      const exported = await workspace.spine(
        "export",
        "conv.week-echo",
        "--week-ending",
        "2025-01-10",
        "--format",
        "csv",
        "--out",
        out,
      );
      expect(exported.code, exported.stderr).toBe(0);
    });

    it("refuses a parameter given both as -p and as an option", async () => {
      const result = await workspace.spine(
        "query",
        "conv.week_echo",
        "-p",
        "week_ending=2025-01-03",
        "--week-ending",
        "2025-01-10",
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Parameter "week_ending" is given twice');
    });

    it("names the closest parameter option for a typo and still checks values by the schema", async () => {
      const typo = await workspace.spine("query", "conv.week_echo", "--week-endin", "2025-01-03");
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain("Did you mean --week-ending");
      const bad = await workspace.spine("query", "conv.week_echo", "--week-ending", "x", "--tier", "T9");
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('tier: is not an allowed value (expected one of T1, T2, OTC; got "T9")');
    });
  });

  describe("executions (issue #14: 7)", () => {
    it("lists top-level runs unless --children or --all is given", async () => {
      await workspace.spine("run", "test.backfill");
      const top = JSON.parse((await workspace.spine("executions", "list", "--json")).stdout);
      expect(top.executions.map((record: { pipeline: string }) => record.pipeline)).toEqual([
        "test.backfill",
      ]);
      for (const flag of ["--children", "--all"]) {
        const every = JSON.parse((await workspace.spine("executions", "list", flag, "--json")).stdout);
        expect(every.executions).toHaveLength(3);
      }
      const text = await workspace.spine("executions", "list");
      expect(text.stdout).not.toContain("test.load");
    });

    it("shows an execution by an unambiguous id prefix and lists the candidates of an ambiguous one", async () => {
      // Seventeen ids in sixteen hex digits: at least two share their first character.
      for (let run = 0; run < 17; run += 1)
        await workspace.spine("run", "test.echo", "-p", "count=1", "-p", "color=red");
      const listed = JSON.parse((await workspace.spine("executions", "list", "--json")).stdout);
      const ids: string[] = listed.executions.map((record: { id: string }) => record.id);
      const [first] = ids;
      const shown = await workspace.spine("executions", "show", (first ?? "").slice(0, 8), "--json");
      expect(shown.code, shown.stderr).toBe(0);
      expect(JSON.parse(shown.stdout).execution.id).toBe(first);
      const shared = ids.find((id) => ids.filter((other) => other[0] === id[0]).length > 1) ?? "";
      const ambiguous = await workspace.spine("executions", "show", shared.slice(0, 1));
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toContain(`The id prefix "${shared[0]}" is ambiguous`);
      expect(ambiguous.stderr).toContain(shared);
    });

    it("follows a run started elsewhere until it ends, one JSON line per change", async () => {
      closeGate();
      const running = workspace.spine("run", "conv.gated-backfill");
      let id = "";
      for (let attempt = 0; attempt < 200 && id === ""; attempt += 1) {
        const listed = JSON.parse(
          (await workspace.spine("executions", "list", "--status", "running", "--json")).stdout,
        );
        id = listed.executions[0]?.id ?? "";
        if (id === "") await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(id).not.toBe("");
      const following = workspace.spine("executions", "follow", id.slice(0, 8), "--interval", "20", "--json");
      await new Promise((resolve) => setTimeout(resolve, 300));
      gate.open();
      expect((await running).code).toBe(0);
      const followed = await following;
      expect(followed.code, followed.stderr).toBe(0);
      const lines = followed.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(lines[0]).toMatchObject({ ok: true, execution: { id, status: "running" } });
      expect(lines.at(-1)).toMatchObject({
        ok: true,
        execution: { status: "completed" },
        children: { total: 2, completed: 2 },
      });
      for (const line of lines) expect(nonCamelKeys(line)).toEqual([]);
    });

    it("follows the newest running run without an id, and says so when none runs", async () => {
      const none = await workspace.spine("executions", "follow");
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("No execution is running");
      // The seeds' `spine logs -f` is the same command.
      const logs = await workspace.spine("logs", "-f");
      expect(logs.code).toBe(2);
      expect(logs.stderr).toContain("No execution is running");
    });
  });

  describe("one JSON envelope (issue #14: 7)", () => {
    it("prints { ok, ...camelCase fields } for every command's --json", async () => {
      const out = join(workspace.directory, "rows.jsonl");
      const commands: string[][] = [
        ["list", "--json"],
        ["describe", "test.echo", "--json"],
        ["describe", "test.rows", "--json"],
        ["run", "test.backfill", "--json"],
        ["run", "test.load", "-p", "week=2025-03-07", "--dry-run", "--json"],
        ["run", "test.explode", "-p", "week=2025-03-07", "--json"],
        ["executions", "list", "--all", "--json"],
        ["query", "test.rows", "--json"],
        ["query", "--list", "--json"],
        ["test", "rows", "--json"],
        ["export", "test.rows", "--format", "jsonl", "--out", out, "--json"],
        ["db", "init", "--json"],
        ["db", "status", "--json"],
        ["doctor", "--json"],
        ["run", "no.such", "--json"],
      ];
      for (const argv of commands) {
        const result = await workspace.spine(...argv);
        expect(() => envelope(result.stdout), `spine ${argv.join(" ")}: ${result.stdout}`).not.toThrow();
      }
      const listed = JSON.parse((await workspace.spine("executions", "list", "--json")).stdout);
      const shown = await workspace.spine("executions", "show", listed.executions[0].id, "--json");
      expect(nonCamelKeys(JSON.parse(shown.stdout))).toEqual([]);
      expect(JSON.parse(shown.stdout).ok).toBe(true);
      const reset = await workspace.spine("db", "reset", "--yes", "--json");
      expect(() => envelope(reset.stdout)).not.toThrow();
    });
  });

  describe("database selection (issue #14: 8)", () => {
    it("says which database is in use and what chose it", async () => {
      const status = await workspace.spine("db", "status", "--json");
      expect(JSON.parse(status.stdout).selection).toEqual({
        source: "environment",
        target: null,
        configFile: null,
      });
      expect((await workspace.spine("db", "status")).stdout).toMatch(/\(from SPINE_DATABASE_(PATH|URL)\)/);
      const doctor = await workspace.spine("doctor");
      expect(doctor.stdout).toMatch(/from SPINE_DATABASE_(PATH|URL)/);
    });
  });

  describe("shell completion (issue #14: 7)", () => {
    function complete(script: string, line: string): string[] {
      const path = join(workspace.directory, "spine.bash");
      writeFileSync(path, script);
      const words = line.split(" ");
      const program = `source ${JSON.stringify(path)}; COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _spine_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const result = spawnSync("bash", ["-c", program], { encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout.split("\n").filter(Boolean);
    }

    it("completes commands, pipeline and query names and parameter options in bash", async () => {
      const result = await workspace.spine("completion", "bash");
      expect(result.code).toBe(0);
      expect(complete(result.stdout, "spine ex")).toEqual(expect.arrayContaining(["executions", "export"]));
      expect(complete(result.stdout, "spine run test.")).toEqual(
        expect.arrayContaining(["test.echo", "test.load"]),
      );
      expect(complete(result.stdout, "spine run test.echo --c").sort()).toEqual(
        ["--color", "--count", "--correlation-id"].sort(),
      );
      expect(complete(result.stdout, "spine --db x.db query conv.week-echo --w")).toEqual(["--week-ending"]);
      expect(complete(result.stdout, "spine conv week-echo --t")).toEqual(["--tier"]);
      expect(complete(result.stdout, "spine executions ")).toEqual(
        expect.arrayContaining(["follow", "list", "show"]),
      );
    });

    it("prints a zsh script through bashcompinit, and refuses other shells", async () => {
      const zsh = await workspace.spine("completion", "zsh");
      expect(zsh.stdout).toMatch(/^#compdef spine\n/);
      expect(zsh.stdout).toContain("bashcompinit");
      expect(zsh.stdout).toContain("conv.week_echo");
      expect((await workspace.spine("completion", "fish")).code).toBe(2);
    });
  });
});

describe("integration", () => {
  describe("a bad --log-level (issue #14: 7)", () => {
    it("names the flag in the error", async () => {
      const workspace = createWorkspace();
      try {
        const result = await workspace.spine("--log-level", "chatty", "list");
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/--log-level "chatty"/);
      } finally {
        await workspace.remove();
      }
    });
  });
});
