import { addWeeks } from "@spine/finra";
import type { PipelineContext } from "@spine/platform";
import { countMatchingRows } from "@spine/platform";
import { otcDatabase } from "./otc-database.js";
import type { SourceIdentity } from "./source-identity.js";

// A republication is compared with the weeks around it; FINRA restates recent weeks.
const searchedWeeks = 26;
const likelyShare = 0.9;

/**
 * A new tier-week whose rows (symbol, MPID, shares, trades) match another loaded week's to more
 * than 90% is likely that week republished under a new date, e.g. a file whose every row carries
 * the republication's date, which dates alone place as a later week. Records a warn result naming
 * the week and returns it (null when none matches).
 */
export async function checkLikelyRepublication(
  context: PipelineContext,
  identity: SourceIdentity,
  capture: { readonly id: string; readonly rows: number },
): Promise<string | null> {
  const others = await otcDatabase(context.scope)
    .selectFrom("otc_captures_latest")
    .select(["capture_id", "week_ending"])
    .where("tier", "=", identity.tier)
    .where("stage", "=", "ingest")
    .where("week_ending", "!=", identity.weekEnding)
    .where("week_ending", ">=", addWeeks(identity.weekEnding, -searchedWeeks))
    .where("week_ending", "<=", addWeeks(identity.weekEnding, searchedWeeks))
    .execute();
  const matches = await countMatchingRows(context.scope, {
    table: "otc_raw_rows",
    captureId: capture.id,
    candidates: others.map((other) => other.capture_id),
    columns: ["symbol", "mpid", "share_quantity_text", "trade_count_text"],
  });
  const best = matches.sort((left, right) => right.matching - left.matching)[0];
  const share = best && capture.rows > 0 ? best.matching / capture.rows : 0;
  const week = others.find((other) => other.capture_id === best?.captureId)?.week_ending ?? null;
  const likely = share > likelyShare ? week : null;
  await context.quality.record({
    checkName: "ingest.likely_republication",
    severity: "warn",
    status: likely === null ? "pass" : "warn",
    message:
      likely === null
        ? `no loaded ${identity.tier} week holds more than 90% of these rows`
        : `${(share * 100).toFixed(1)}% of these rows equal week ending ${likely}'s: likely a republication of ${likely} under a new date; if so, roll this capture back and ingest the file with -p week_ending=${likely}`,
    actual: Number(share.toFixed(4)),
    expectedValue: `<= ${likelyShare}`,
  });
  if (likely !== null) context.logger.warn("likely republication of another week", { week: likely, share });
  return likely;
}
