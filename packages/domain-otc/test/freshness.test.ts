import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedFile } from "./support/generated-weeks.js";
import { openOtcSpine } from "./support/otc-spine.js";
import { runQuery } from "./support/run-query.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine;

// NMS Tier 2 week ending 2025-12-12, first published Monday 2026-01-12: its next week's
// publication Monday is 2026-01-19 (Martin Luther King Jr. Day), so FINRA publishes on the Tuesday.
function writeDecemberWeek(directory: string): string {
  const [header = "", ...rows] = readFileSync(generatedFile("NMS Tier 2", "2025-08-29"), "utf8")
    .trimEnd()
    .split("\n");
  const restated = rows.map((line) => line.replace(/\|\d{4}-\d{2}-\d{2}$/, "|2026-01-12"));
  const path = join(directory, "tier2-2025-12-12.csv");
  writeFileSync(path, `${[header, ...restated].join("\n")}\n`);
  return path;
}

async function ingest(tier: string, weekEnding: string, file: string) {
  const execution = await spine.dispatcher.submit("otc.ingest_week", {
    tier,
    week_ending: weekEnding,
    file_path: file,
  });
  expect(execution.status, execution.error ?? "").toBe("completed");
}

beforeAll(async () => {
  spine = await openOtcSpine();
  for (const week of ["2025-08-29", "2025-09-12"]) await ingest("OTC", week, generatedFile("OTC", week));
  await ingest("NMS Tier 2", "2025-12-12", writeDecemberWeek(spine.directory));
});
afterAll(async () => {
  await spine.cleanup();
});

describe("integration: freshness per tier", () => {
  it("names the missing weeks inside the loaded range and how late the next week is", async () => {
    const rows = await runQuery(spine, "otc.freshness", { today: "2025-11-01" });
    expect(rows.find((row) => row.tier === "OTC")).toEqual({
      tier: "OTC",
      loaded: 2,
      first_week_ending: "2025-08-29",
      latest_week_ending: "2025-09-12",
      missing_week_ending: "2025-09-05",
      next_week_ending: "2025-09-19",
      next_publication_expected: "2025-10-20",
      published_not_loaded: 2,
      days_late: 12,
      status: "late",
    });
  });

  it("expects the Tuesday after a Monday market holiday", async () => {
    const onHoliday = await runQuery(spine, "otc.freshness", { today: "2026-01-19" });
    expect(onHoliday.find((row) => row.tier === "NMS Tier 2")).toMatchObject({
      latest_week_ending: "2025-12-12",
      next_publication_expected: "2026-01-20",
      published_not_loaded: 0,
      days_late: 0,
      status: "current",
    });
    const later = await runQuery(spine, "otc.freshness", { today: "2026-01-23" });
    expect(later.find((row) => row.tier === "NMS Tier 2")).toMatchObject({ days_late: 3, status: "late" });
  });
});
