import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openOtcSpine } from "./support/otc-spine.js";
import { runQuery } from "./support/run-query.js";

// Scenario 3 of the point-in-time issue on the real FINRA files (skipped without them): FINRA
// republishes the week ending 2025-11-14 on 2026-01-05 with AABB restated.
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const realDataDirectory =
  process.env.SPINE_FINRA_DATA_DIR ?? join(repositoryRoot, "..", "shared", "data", "finra");
const original = join(realDataDirectory, "finra_otc_weekly_otc_20251215.csv");

function republication(): string {
  const [header = "", ...rows] = readFileSync(original, "utf8").trimEnd().split("\n");
  const restated = rows.map((row) => {
    const fields = row.split("|");
    if (fields[1] === "AABB") fields[5] = String(Number(fields[5]) * 2);
    fields[7] = "2026-01-05";
    return fields.join("|");
  });
  return [header, ...restated, ""].join("\n");
}

describe.runIf(existsSync(original))("integration", () => {
  const scratch = mkdtempSync(join(tmpdir(), "spine-real-republication-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("keeps AABB's original 2025-11-21 rolling average as of before the republication and recomputes it after", async () => {
    const spine = await openOtcSpine();
    try {
      const backfill = (extra: Record<string, unknown> = {}) =>
        spine.dispatcher.submit("otc.backfill_range", {
          tier: "OTC",
          start_week: "2025-11-14",
          end_week: "2025-11-21",
          source_dir: realDataDirectory,
          ...extra,
        });
      expect((await backfill()).status).toBe("completed");
      const history = async (asOf?: string) =>
        (
          await runQuery(spine, "otc.symbol_history", {
            symbol: "AABB",
            tier: "OTC",
            ...(asOf ? { as_of: asOf } : {}),
          })
        ).find((row) => row.week_ending === "2025-11-21");
      const before = await history();
      expect(Math.round(Number(before?.rolling_avg_volume))).toBe(4_313_689);
      const file = join(scratch, "finra_otc_weekly_otc_20260105.csv");
      writeFileSync(file, republication());
      const ingest = await spine.dispatcher.submit("otc.ingest_week", {
        file_path: file,
        tier: "OTC",
        week_ending: "2025-11-14",
      });
      expect(ingest.status, ingest.error ?? "").toBe("completed");
      expect(await history()).toMatchObject({ rolling_avg_volume: before?.rolling_avg_volume, stale: true });
      const refresh = await backfill({ only: "stale" });
      expect(refresh.status, refresh.error ?? "").toBe("completed");
      const after = await history();
      expect(after?.stale).toBe(false);
      expect(Number(after?.rolling_avg_volume)).toBeGreaterThan(Number(before?.rolling_avg_volume));
      expect((await history("2026-01-04"))?.rolling_avg_volume).toBe(before?.rolling_avg_volume);
      expect((await history("2026-01-05"))?.rolling_avg_volume).toBe(after?.rolling_avg_volume);
      const [snapshot] = await runQuery(spine, "otc.captures", {
        tier: "OTC",
        week_ending: "2025-11-21",
      }).then((rows) => rows.filter((row) => row.stage === "snapshot" && row.is_latest));
      expect(snapshot?.knowable_date).toBe("2026-01-05");
    } finally {
      await spine.cleanup();
    }
  }, 180_000);
});
