import { join } from "node:path";
import { otcDomain } from "@spine/domain-otc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

const fixtures = join(import.meta.dirname, "../../../fixtures/finra-otc/generated");
const clearLine = "\r\u001b[2K";
const backfill = ["run", "otc.backfill_range", "-p", `source_dir=${fixtures}`, "-p", "tier=OTC"];

// What a person at a terminal sees on stderr (issue #14, item 4): one progress line, one line per
// warning or error, no JSON and no stack unless asked for.
describe("integration", () => {
  describe("stderr on a terminal", () => {
    let workspace: Workspace;
    beforeAll(async () => {
      workspace = createWorkspace([otcDomain]);
      expect((await workspace.spine("db", "init")).code).toBe(0);
    });
    afterAll(() => workspace.remove());

    it("shows a backfill as one progress line (steps, rows, elapsed, estimate), then clears it", async () => {
      const run = await workspace.spineOnTerminal({}, ...backfill);
      expect(run.code).toBe(0);
      expect(run.stderr).not.toContain("{");
      expect(run.stderr).not.toContain("\n");
      const updates = run.stderr.split(clearLine).filter((text) => text !== "");
      expect(updates.length).toBeGreaterThan(10);
      expect(updates.at(-1)).toMatch(/^otc\.backfill_range: 50\/50 steps · [\d,]+ rows · [\d.]+m?s elapsed/);
      expect(updates.some((text) => /\/50 steps .* elapsed · ~[\d.]+m?s left/.test(text))).toBe(true);
      expect(run.stderr.endsWith(clearLine)).toBe(true);
    });

    it("reports a missing file in one line, without a stack or a log record", async () => {
      const run = await workspace.spineOnTerminal(
        {},
        "run",
        "otc.ingest_week",
        "-p",
        "file_path=/no/such.csv",
      );
      expect(run.code).toBe(1);
      const lines = run.stderr.split("\n").filter((line) => line !== "");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: otc\.ingest_week failed .*no such file/);
    });

    it("adds the log records with their stack under --verbose, coloured unless NO_COLOR is set", async () => {
      const argv = ["-v", "run", "otc.ingest_week", "-p", "file_path=/no/such.csv"];
      const plain = await workspace.spineOnTerminal({ NO_COLOR: "1" }, ...argv);
      expect(plain.stderr).toContain("ERROR execution failed");
      expect(plain.stderr).toContain("    at ");
      expect(plain.stderr).not.toContain("\u001b[");
      const coloured = await workspace.spineOnTerminal({}, ...argv);
      expect(coloured.stderr).toContain("\u001b[31mERROR\u001b[0m execution failed");
    });

    it("prints nothing but errors under --quiet", async () => {
      const run = await workspace.spineOnTerminal({}, "-q", ...backfill, "--force");
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
    });

    it("writes JSON log lines above the progress line when asked for them", async () => {
      const run = await workspace.spineOnTerminal(
        {},
        "--log-format",
        "json",
        "--log-level",
        "info",
        ...backfill,
      );
      const logLines = run.stderr
        .split(clearLine)
        .flatMap((text) => text.split("\n"))
        .filter((line) => line.startsWith("{"));
      expect(logLines.length).toBeGreaterThan(0);
      for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    });
  });
});
