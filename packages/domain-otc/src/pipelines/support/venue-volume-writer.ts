import type { PipelineContext } from "@spine/platform";
import { sourceLinesOf } from "@spine/platform";
import type { PageVerdicts } from "./normalize-rows.js";
import { otcPlainCopy, venueRowColumns } from "./otc-plain-copy.js";

/** Where a page's verdicts go: the new normalize capture, from one raw capture. */
export interface VerdictTarget {
  readonly captureId: string;
  readonly inputCaptureId: string;
}

/** Writes a judged page: accepted rows into otc_venue_volume_rows, rejects with their raw lines. */
export async function writeVerdicts(context: PipelineContext, target: VerdictTarget, verdicts: PageVerdicts) {
  const rows = verdicts.accepted.map(({ raw, volume }) => [
    target.captureId,
    volume.symbol,
    volume.mpid,
    volume.issueName,
    volume.marketParticipantName,
    volume.shareVolume,
    volume.tradeCount,
    raw.line_number,
  ]);
  if (rows.length > 0) await context.scope.bulkInsert("otc_venue_volume_rows", venueRowColumns, rows);
  if (verdicts.rejected.length === 0) return;
  const lines = await sourceLinesOf(
    context.scope,
    otcPlainCopy,
    target.inputCaptureId,
    verdicts.rejected.map((reject) => Number(reject.lineNumber)),
  );
  await context.rejects.record(
    verdicts.rejected.map((reject) => ({
      ...reject,
      rawRecord: lines.get(Number(reject.lineNumber)) ?? null,
    })),
  );
}
