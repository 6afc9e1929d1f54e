import { join } from "node:path";
import { otcDomain } from "@spine/domain-otc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

const fixtures = join(import.meta.dirname, "../../../fixtures/finra-otc/generated");

// Issue #14, item 3: an empty answer says why on stderr, and --csv still prints its header.
describe("integration", () => {
  describe("empty answers", () => {
    let workspace: Workspace;
    beforeAll(async () => {
      workspace = createWorkspace([otcDomain]);
      expect((await workspace.spine("db", "init")).code).toBe(0);
    });
    afterAll(() => workspace.remove());
    const topSymbols = (week: string, ...extra: string[]) =>
      workspace.spine("query", "otc.top_symbols", "-p", "tier=OTC", "-p", `week_ending=${week}`, ...extra);

    it("says when nothing is loaded yet, and how to load", async () => {
      const run = await topSymbols("2025-10-31");
      expect(run.code).toBe(0);
      expect(run.stdout).toBe("(no rows)\n");
      expect(run.stderr).toBe(
        "note: no otc data is loaded yet: load files with `spine load <files or folders>`\n",
      );
    });

    describe("once weeks are loaded", () => {
      beforeAll(async () => {
        expect((await workspace.spine("load", fixtures, "-p", "tier=OTC")).code).toBe(0);
      });

      it("names the weeks loaded when the asked week is not one of them", async () => {
        const run = await topSymbols("2025-12-05");
        expect(run.code).toBe(0);
        expect(run.stderr).toBe(
          "note: no otc data for tier=OTC, week_ending=2025-12-05; loaded for tier=OTC: week_ending 2025-08-29 to 2025-10-31 (10)\n",
        );
      });

      it("suggests the symbol in its case, and says when a symbol is unknown", async () => {
        const lower = await workspace.spine("query", "otc.symbol_history", "-p", "symbol=ncwx");
        expect(lower.code).toBe(0);
        expect(lower.stderr).toBe(
          "note: symbol=ncwx matches nothing; values are case-sensitive: did you mean NCWX?\n",
        );
        const unknown = await workspace.spine("query", "otc.symbol_history", "-p", "symbol=ZZZZZ");
        expect(unknown.stderr).toBe("note: symbol=ZZZZZ is not in otc_symbol_summary\n");
      });

      it("says when the asked week was not knowable yet on as_of", async () => {
        const run = await topSymbols("2025-10-31", "-p", "as_of=2025-11-01");
        expect(run.stdout).toBe("(no rows)\n");
        expect(run.stderr).toMatch(
          /^note: nothing asked for was knowable on as_of=2025-11-01: first knowable 2025-1\d-\d\d\n$/,
        );
      });

      it("prints the declared header for an empty CSV answer, and nothing on stderr for a full one", async () => {
        const empty = await topSymbols("2025-12-05", "--csv");
        expect(empty.stdout.split("\r\n")[0]).toMatch(/^rank,symbol,total_volume,total_trades,/);
        const full = await topSymbols("2025-10-31");
        expect(full.stdout).not.toContain("(no rows)");
        expect(full.stderr).toBe("");
      });
    });
  });
});
