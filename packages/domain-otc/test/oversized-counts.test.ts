import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { openOtcSpine } from "./support/otc-spine.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine | undefined;
afterEach(async () => {
  await spine?.cleanup();
  spine = undefined;
});

const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

describe("integration", () => {
  // Issue #13, failure 9: 999999999999999 shares on 10,000 rows passed ingest, then normalize's
  // sum() overflowed 64-bit integers and the stage failed with a bare "integer overflow".
  it("rejects share counts whose sums would leave 64-bit integers, with a reason code, and completes", async () => {
    spine = await openOtcSpine();
    const file = join(spine.directory, "finra_otc_weekly_otc_20251215.csv");
    const lines = [header];
    for (let index = 0; index < 10_000; index += 1) {
      const shares = index < 9_990 ? "999999999999999" : "1200";
      lines.push(`OTC|S${index}|Issue|Venue|MMAA|${shares}|12|2025-12-15`);
    }
    writeFileSync(file, `${lines.join("\n")}\n`);
    const ingest = await spine.dispatcher.submit("otc.ingest_week", { file_path: file });
    expect(ingest.status, String(ingest.error)).toBe("completed");
    const partition = { tier: "OTC", week_ending: "2025-11-14" };
    const normalize = await spine.dispatcher.submit("otc.normalize_week", partition);
    expect(normalize.status, String(normalize.error)).toBe("completed");
    expect(normalize.metrics).toMatchObject({
      rows_read: 10_000,
      rows_accepted: 10,
      rows_rejected: 9_990,
      rejects_by_code: { INVALID_SHARE_QUANTITY: 9_990 },
    });
    const details = await sql<{ reason_detail: string }>`
      select reason_detail from core_rejects where reason_code = 'INVALID_SHARE_QUANTITY' limit 1`.execute(
      spine.database.db,
    );
    expect(details.rows[0]?.reason_detail).toContain("exceeds 999,999,999,999");
    const aggregate = await spine.dispatcher.submit("otc.aggregate_week", partition);
    expect(aggregate.status, String(aggregate.error)).toBe("completed");
  }, 60_000);
});
