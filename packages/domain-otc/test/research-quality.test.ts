import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedFile, loadGeneratedWeeks } from "./support/generated-weeks.js";
import { openOtcSpine } from "./support/otc-spine.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine;
let weeks: string[];
const partialWeek = "2025-10-03";

// A fifth of the week's rows, one with shares but no trades and one with trades but no shares.
function writePartialWeek(directory: string): string {
  const [header = "", ...rows] = readFileSync(generatedFile("OTC", partialWeek), "utf8")
    .trimEnd()
    .split("\n");
  const kept = rows.slice(0, Math.floor(rows.length / 5)).map((line, index) => {
    const fields = line.split("|");
    if (index === 0) fields[6] = "0";
    if (index === 1) fields[5] = "0";
    return fields.join("|");
  });
  const path = join(directory, "partial-week.csv");
  writeFileSync(path, `${[header, ...kept].join("\n")}\n`);
  return path;
}

async function checksOf(weekEnding: string) {
  const rows = await sql<{ check_name: string; severity: string; status: string; message: string }>`
    select check_name, severity, status, message from core_quality
    where domain = 'otc' and partition_key like ${`%"week_ending":"${weekEnding}"%`}`.execute(
    spine.database.db,
  );
  return new Map(rows.rows.map((row) => [row.check_name, row]));
}

beforeAll(async () => {
  spine = await openOtcSpine();
  weeks = await loadGeneratedWeeks(spine, "OTC", 5);
  const partition = { tier: "OTC", week_ending: partialWeek };
  const file = writePartialWeek(spine.directory);
  for (const [pipeline, params] of [
    ["otc.ingest_week", { ...partition, file_path: file }],
    ["otc.normalize_week", partition],
    ["otc.aggregate_week", partition],
  ] as const) {
    const execution = await spine.dispatcher.submit(pipeline, params);
    expect(execution.status, execution.error ?? "").toBe("completed");
  }
});
afterAll(async () => {
  await spine.cleanup();
});

describe("integration: quality a researcher can act on", () => {
  it("passes a normal week, every passing check recorded as info", async () => {
    const checks = await checksOf(weeks[4] ?? "");
    for (const name of ["no_future_dates", "shares_and_trades_agree", "row_count_vs_rolling_average"])
      expect(checks.get(`aggregate.${name}`)).toMatchObject({ status: "pass", severity: "info" });
    expect(checks.get("aggregate.venue_shares_sum_to_one")).toMatchObject({
      status: "pass",
      severity: "info",
    });
  });

  it("warns about rows whose shares and trades contradict each other, with the counts", async () => {
    const check = (await checksOf(partialWeek)).get("aggregate.shares_and_trades_agree");
    expect(check).toMatchObject({ status: "warn", severity: "warn" });
    expect(check?.message).toBe("1 rows with shares > 0 and trades = 0; 1 with trades > 0 and shares = 0");
  });

  it("warns when a week's row count drops below half of the previous weeks' average", async () => {
    const check = (await checksOf(partialWeek)).get("aggregate.row_count_vs_rolling_average");
    expect(check).toMatchObject({ status: "warn", severity: "warn" });
    expect(check?.message).toMatch(/the previous 4 weeks averaged/);
  });

  it("records a severity that always states the outcome", async () => {
    const rows = await sql<{ severity: string; status: string }>`
      select distinct severity, status from core_quality`.execute(spine.database.db);
    const allowed: Record<string, string[]> = { pass: ["info"], warn: ["warn"], fail: ["error", "critical"] };
    for (const row of rows.rows) expect(allowed[row.status]).toContain(row.severity);
  });
});
