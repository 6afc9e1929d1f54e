import type { PipelineContext } from "@spine/platform";
import { definePipeline, sql } from "@spine/platform";
import { CALCULATIONS } from "../calculations/calculation-versions.js";
import type { Tier } from "../models/tier.js";
import { createCapture, findLatestCapture, setCaptureRowCount } from "./support/captures.js";
import { copyPlainRows, dominantPublicationWeek } from "./support/copy-plain-rows.js";
import { derivedCaptureDetails } from "./support/derived-capture.js";
import { missingInput } from "./support/missing-input.js";
import { metadataGroupsOf, plainRowLevel } from "./support/normalize-fast-path.js";
import type { JudgePartition, NormalizeTally } from "./support/normalize-rows.js";
import { createRowJudge, repeatedKey } from "./support/normalize-rows.js";
import { otcDatabase } from "./support/otc-database.js";
import { rawRowPages, repeatedKeysOf } from "./support/raw-pages.js";
import { tierWeekKey, tierWeekParams } from "./support/tier-week-params.js";
import { writeVerdicts } from "./support/venue-volume-writer.js";

async function recordChecks(context: PipelineContext, tally: NormalizeTally, rawRows: number): Promise<void> {
  const accounted = tally.accepted + tally.rejected === rawRows;
  await context.quality.record({
    checkName: "normalize.rows_accounted",
    severity: "critical",
    status: accounted ? "pass" : "fail",
    message: `rows read ${rawRows} = accepted ${tally.accepted} + rejected ${tally.rejected}`,
    actual: tally.accepted + tally.rejected,
    expectedValue: rawRows,
  });
  const duplicates = tally.rejectsByCode.DUPLICATE_KEY ?? 0;
  await context.quality.record({
    checkName: "normalize.duplicate_keys",
    severity: "warn",
    status: duplicates === 0 ? "pass" : "warn",
    message: `${duplicates} duplicate (symbol, mpid) rows rejected`,
    actual: duplicates,
    expectedValue: 0,
  });
}

/** Validates the latest raw capture of a tier-week into otc_venue_volume; every invalid row becomes a reject. */
export const normalizeWeekPipeline = definePipeline({
  name: "otc.normalize_week",
  description:
    "Validate a tier-week's raw rows into otc_venue_volume; invalid rows go to core_rejects with reason codes.",
  params: tierWeekParams,
  stage: { domain: "otc", stage: "normalize", partition: (params) => ({ key: tierWeekKey(params) }) },
  run: async (context, params) => {
    const tier: Tier = params.tier;
    const db = otcDatabase(context.scope);
    const input = await findLatestCapture(db, tier, params.week_ending, "ingest");
    if (!input) throw missingInput("normalize", tier, params.week_ending, "ingest");
    const computedAt = context.now().toISOString();
    const captureId = await createCapture(
      db,
      derivedCaptureDetails(context, input, {
        stage: "normalize",
        variant: "default",
        createdAt: computedAt,
        calculation: CALCULATIONS.venueVolume,
      }),
    );
    const tally: NormalizeTally = {
      rowsRead: 0,
      accepted: 0,
      rejected: 0,
      acceptedShareVolume: 0,
      acceptedTradeCount: 0,
      rejectsByCode: {},
    };
    const repeatedKeys = await repeatedKeysOf(db, input.capture_id);
    const rowLevel = plainRowLevel(context.scope.dialect, repeatedKeys);
    const groups = await metadataGroupsOf(context.scope, input.capture_id, rowLevel);
    const rawRows = groups.reduce((sum, group) => sum + group.rows, 0);
    const partition: JudgePartition = {
      tier,
      weekEnding: params.week_ending,
      dominantPublicationWeek: dominantPublicationWeek(groups, tier),
    };
    const target = { captureId, inputCaptureId: input.capture_id };
    const { fastPath, copied } = await copyPlainRows(context, target, { partition, groups, rowLevel }, tally);
    const judge = createRowJudge(
      partition,
      tally,
      input.source_file,
      new Set(repeatedKeys.map(([symbol, mpid]) => repeatedKey(symbol, mpid))),
    );
    const judged = fastPath ? sql`not ${fastPath.plain}` : undefined;
    for await (const page of rawRowPages(db, input.capture_id, judged)) {
      await writeVerdicts(context, target, judge(page));
      context.progress({ completed: tally.rowsRead, total: rawRows, unit: "rows", message: "normalizing" });
    }
    await setCaptureRowCount(db, captureId, tally.accepted);
    await recordChecks(context, tally, rawRows);
    return {
      rowCount: tally.accepted,
      metrics: {
        capture_id: captureId,
        input_capture_id: input.capture_id,
        rows_read: tally.rowsRead,
        rows_accepted: tally.accepted,
        rows_rejected: tally.rejected,
        rows_copied_set_based: copied,
        rejects_by_code: tally.rejectsByCode,
        accepted_share_volume: tally.acceptedShareVolume,
        accepted_trade_count: tally.acceptedTradeCount,
      },
    };
  },
});
