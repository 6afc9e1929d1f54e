import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { atsDomain } from "@spine/domain-ats";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Workspace } from "./support/run-spine.js";
import { createWorkspace } from "./support/run-spine.js";

const fixtures = fileURLToPath(new URL("../../../fixtures/finra-ats/generated", import.meta.url));
const tierWeek = ["-p", "tier=T1", "-p", "week_ending=2025-09-26"];

type Row = Record<string, unknown>;

async function readParquet(path: string): Promise<{ rows: Row[]; types: Record<string, string> }> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const types = Object.fromEntries(
    metadata.schema
      .slice(1)
      .map((element) => [
        element.name,
        `${element.type}${element.converted_type ? `/${element.converted_type}` : ""}`,
      ]),
  );
  return { rows: (await parquetReadObjects({ file })) as Row[], types };
}

describe("integration", () => {
  describe("spine export", () => {
    let workspace: Workspace;
    let queryRows: Row[];
    const out = (name: string) => join(workspace.directory, name);

    beforeAll(async () => {
      workspace = createWorkspace([atsDomain]);
      expect((await workspace.spine("db", "init")).code).toBe(0);
      const run = await workspace.spine(
        "run",
        "ats.backfill_range",
        "-p",
        `source_dir=${fixtures}`,
        "--json",
      );
      expect(run.code, run.stderr).toBe(0);
      const query = await workspace.spine("query", "ats.venue_shares", ...tierWeek, "--json");
      queryRows = JSON.parse(query.stdout).rows;
      expect(queryRows.length).toBeGreaterThan(2);
    }, 120_000);
    afterAll(() => workspace.remove());

    it("writes a query's rows as CSV, exactly as `query --csv` prints them", async () => {
      const result = await workspace.spine(
        "export",
        "ats.venue_shares",
        ...tierWeek,
        "--format",
        "csv",
        "--out",
        out("shares.csv"),
      );
      expect(result.code, result.stderr).toBe(0);
      const printed = await workspace.spine("query", "ats.venue_shares", ...tierWeek, "--csv");
      expect(readFileSync(out("shares.csv"), "utf8")).toBe(printed.stdout);
    });

    it("writes JSON Lines holding the query's rows", async () => {
      const result = await workspace.spine(
        "export",
        "ats.venue_shares",
        ...tierWeek,
        "--format",
        "jsonl",
        "--out",
        out("shares.jsonl"),
        "--json",
      );
      expect(JSON.parse(result.stdout)).toMatchObject({
        ok: true,
        rowCount: queryRows.length,
        format: "jsonl",
      });
      const lines = readFileSync(out("shares.jsonl"), "utf8").trimEnd().split("\n");
      expect(lines.map((line) => JSON.parse(line))).toEqual(queryRows);
    });

    it("writes Parquet with integer, double and date columns that read back to the same values", async () => {
      const result = await workspace.spine(
        "export",
        "ats.venue_shares",
        ...tierWeek,
        "--format",
        "parquet",
        "--out",
        out("shares.parquet"),
      );
      expect(result.code, result.stderr).toBe(0);
      const { rows, types } = await readParquet(out("shares.parquet"));
      expect(types).toMatchObject({
        shares: "INT64",
        market_share: "DOUBLE",
        week_ending: "INT32/DATE",
        mpid: "BYTE_ARRAY/UTF8",
      });
      expect(rows).toHaveLength(queryRows.length);
      rows.forEach((row, index) => {
        const expected = queryRows[index] as Row;
        expect(row.mpid).toBe(expected.mpid);
        expect(row.shares).toBe(BigInt(expected.shares as number));
        expect(row.market_share).toBe(expected.market_share);
        expect((row.week_ending as Date).toISOString().slice(0, 10)).toBe(expected.week_ending);
      });
    });

    it("streams a whole _latest view to Parquet with the table's declared types", async () => {
      const result = await workspace.spine(
        "export",
        "ats_market_share_latest",
        "--format",
        "parquet",
        "--out",
        out("all.parquet"),
        "--json",
      );
      expect(result.code, result.stderr).toBe(0);
      const weeks: Row[] = JSON.parse((await workspace.spine("query", "ats.weeks", "--json")).stdout).rows;
      const expectedRows = weeks.reduce((sum, week) => sum + Number(week.ats_count), 0);
      expect(JSON.parse(result.stdout).rowCount).toBe(expectedRows);
      const { rows, types } = await readParquet(out("all.parquet"));
      expect(rows).toHaveLength(expectedRows);
      // Share quantities are numeric columns (fractional shares since 2026): DOUBLE, not INT64.
      expect(types).toMatchObject({
        shares: "DOUBLE",
        trades: "INT64",
        share_rank: "INT64",
        market_share: "DOUBLE",
        week_ending: "INT32/DATE",
      });
    });

    it("refuses to replace an existing file without --force, and leaves it as it was", async () => {
      writeFileSync(out("keep.csv"), "mine\n");
      const refused = await workspace.spine(
        "export",
        "ats.weeks",
        "--format",
        "csv",
        "--out",
        out("keep.csv"),
      );
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("pass --force");
      expect(readFileSync(out("keep.csv"), "utf8")).toBe("mine\n");
      const forced = await workspace.spine(
        "export",
        "ats.weeks",
        "--format",
        "csv",
        "--out",
        out("keep.csv"),
        "--force",
      );
      expect(forced.code, forced.stderr).toBe(0);
      expect(readFileSync(out("keep.csv"), "utf8")).toMatch(
        /^tier,week_ending,capture_id,ats_count,ats_shares,stale\r\n/,
      );
    });

    it("names the queries and _latest views for an unknown name, and writes nothing", async () => {
      const result = await workspace.spine(
        "export",
        "ats_no_such_table",
        "--format",
        "csv",
        "--out",
        out("none.csv"),
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("ats.venue_shares");
      expect(result.stderr).toContain("ats_market_share_latest");
      expect(existsSync(out("none.csv"))).toBe(false);
      expect(readdirSync(workspace.directory).filter((file) => file.includes("partial"))).toEqual([]);
    });

    it("refuses a bad format, a bad query parameter and parameters for a table", async () => {
      const format = await workspace.spine("export", "ats.weeks", "--format", "xlsx", "--out", out("x"));
      expect(format.code).toBe(2);
      expect(format.stderr).toContain("csv, jsonl, parquet");
      const parameter = await workspace.spine(
        "export",
        "ats.venue_shares",
        "-p",
        "tier=T9",
        "-p",
        "week_ending=2025-09-26",
        "--format",
        "csv",
        "--out",
        out("x"),
      );
      expect(parameter.code).toBe(2);
      expect(parameter.stderr).toContain("tier");
      const table = await workspace.spine(
        "export",
        "ats_market_share_latest",
        "-p",
        "tier=T1",
        "--format",
        "csv",
        "--out",
        out("x"),
      );
      expect(table.code).toBe(2);
      expect(table.stderr).toContain("takes no -p parameters");
      expect(existsSync(out("x"))).toBe(false);
    });
  });
});
