import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { atsDomain } from "@spine/domain-ats";
import { otcDomain } from "@spine/domain-otc";
import { completeMockWeeks, type FinraMock, loadMockWeeks, startFinraMock } from "@spine/finra-api/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

const fixtures = (name: string) => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));

type Row = Record<string, unknown>;

describe("integration", () => {
  describe("spine against the mock FINRA Query API", () => {
    let mock: FinraMock;
    let workspace: Workspace;
    let env: Record<string, string>;
    const secret = "cli-secret-never-printed-91b2";
    beforeAll(async () => {
      const weeks = [fixtures("finra-otc/generated"), fixtures("finra-ats/generated")].flatMap(loadMockWeeks);
      mock = await startFinraMock({
        weeks: completeMockWeeks(weeks),
        credentials: { clientId: "cli-client", clientSecret: secret },
      });
      workspace = createWorkspace([otcDomain, atsDomain]);
      env = {
        SPINE_FINRA_API_URL: mock.url,
        SPINE_FINRA_TOKEN_URL: mock.tokenUrl,
        SPINE_FINRA_CLIENT_ID: "cli-client",
        SPINE_FINRA_CLIENT_SECRET: secret,
        SPINE_FINRA_RETRY_BASE_MS: "5",
        SPINE_LANDING_DIR: join(workspace.directory, "landing"),
      };
      expect((await workspace.spine("db", "init")).code).toBe(0);
    }, 60_000);
    afterAll(async () => {
      await workspace?.remove();
      await mock?.close();
    });

    it("says where the API is needed when the backfill cannot reach it", async () => {
      const result = await workspace.spineWithEnv(
        { ...env, SPINE_FINRA_API_URL: "http://127.0.0.1:9", SPINE_FINRA_MAX_ATTEMPTS: "1" },
        "run",
        "otc.backfill_range",
        "-p",
        "source=api",
        "-p",
        "tier=OTC",
        "-p",
        "weeks_back=4",
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/127\.0\.0\.1:9.*failed after 1 attempts: network error/);
      expect(result.stderr + result.stdout + result.logs).not.toContain(secret);
    });

    it("lists the requests of an OTC backfill on --dry-run without fetching data", async () => {
      const before = mock.requests.filter((request) => request.path.startsWith("/data")).length;
      const result = await workspace.spineWithEnv(
        env,
        "run",
        "otc.backfill_range",
        "-p",
        "source=api",
        "-p",
        "tier=OTC",
        "-p",
        "weeks_back=4",
        "--dry-run",
        "--json",
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(
        /fetch POST \/data\/group\/otcMarket\/name\/weeklySummary\w* weekStartDate=2025-10-27 tierIdentifier=OTCE/,
      );
      expect(mock.requests.filter((request) => request.path.startsWith("/data")).length).toBe(before);
    });

    it("backfills four OTC weeks and then the ATS equivalent from the API", async () => {
      const otc = await workspace.spineWithEnv(
        env,
        "run",
        "otc.backfill_range",
        "-p",
        "source=api",
        "-p",
        "tier=OTC",
        "-p",
        "weeks_back=4",
        "--json",
      );
      expect(otc.code, otc.stderr).toBe(0);
      const otcTable = JSON.parse(otc.stdout).execution.output.table as Row[];
      expect(otcTable.map((row) => [row.week_ending, row.status])).toEqual([
        ["2025-10-10", "completed"],
        ["2025-10-17", "completed"],
        ["2025-10-24", "completed"],
        ["2025-10-31", "completed"],
      ]);
      const ats = await workspace.spineWithEnv(
        env,
        "run",
        "ats.backfill_range",
        "-p",
        "source=api",
        "-p",
        "tiers=tier1",
        "-p",
        "to_week=2025-09-26",
        "-p",
        "weeks_back=4",
        "--json",
      );
      expect(ats.code, ats.stderr).toBe(0);
      expect((JSON.parse(ats.stdout).execution.output.table as Row[]).map((row) => row.status)).toEqual(
        Array(4).fill("completed"),
      );
      expect(
        readdirSync(join(env.SPINE_LANDING_DIR ?? "", "ats")).filter((name) => name.endsWith(".csv")),
      ).toHaveLength(4);
      for (const text of [otc.stdout, otc.stderr, otc.logs, ats.stdout, ats.stderr, ats.logs])
        expect(text).not.toContain(secret);
    });

    it("spine finra status: published, loaded and next publication per domain and tier", async () => {
      const result = await workspace.spineWithEnv(env, "finra", "status", "--json");
      expect(result.code, result.stderr).toBe(0);
      const rows = JSON.parse(result.stdout).rows as Row[];
      expect(rows).toHaveLength(6);
      const otc = rows.find((row) => row.domain === "otc" && row.tier === "OTC");
      expect(otc).toMatchObject({
        latest_loaded: "2025-10-31",
        next_week: "2025-11-07",
        next_publication: "2025-12-08",
      });
      expect(typeof otc?.latest_published).toBe("string");
      expect(rows.find((row) => row.domain === "ats" && row.tier === "NMS Tier 1")).toMatchObject({
        latest_loaded: "2025-09-26",
      });
      const text = await workspace.spineWithEnv(env, "finra", "status");
      expect(text.stdout).toMatch(/latest_published\s+latest_loaded/);
      expect(existsSync(env.SPINE_LANDING_DIR ?? "")).toBe(true);
    });
  });
});
