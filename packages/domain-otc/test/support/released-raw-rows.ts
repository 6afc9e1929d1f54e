import type { SqlScope } from "@spine/platform";
import { rebuildReleasedRawRows } from "@spine/platform";
import { otcCaptures } from "../../src/pipelines/support/otc-captures.js";

/**
 * Writes back the raw rows normalize released (rebuilt from each capture's stored source), for
 * tests that read otc_raw_rows after a normalize; returns the captures rebuilt.
 */
export async function rebuildReleasedRows(scope: SqlScope): Promise<string[]> {
  const released = await scope.db
    .selectFrom("core_captures")
    .selectAll()
    .where("capture_id", "in", scope.db.selectFrom("core_raw_releases").select("capture_id"))
    .orderBy("capture_id")
    .execute();
  for (const capture of released) await rebuildReleasedRawRows(scope, otcCaptures, capture);
  return released.map((capture) => capture.capture_id);
}
