import { parseCount } from "@spine/finra";
import type { PipelineContext, SampledPair } from "@spine/platform";
import { recordSampledAgreement } from "@spine/platform";

// The pure parser's reading of the raw row must be exactly what the SQL copy stored.
function disagrees({ stored, source }: SampledPair): boolean {
  const shares = parseCount(String(source.share_quantity_text ?? ""));
  const trades = parseCount(String(source.trade_count_text ?? ""));
  return (
    !shares.ok ||
    !trades.ok ||
    shares.value !== Number(stored.share_volume) ||
    trades.value !== Number(stored.trade_count) ||
    (source.symbol as string | null)?.trim() !== stored.symbol ||
    (source.mpid as string | null)?.trim() !== stored.mpid
  );
}

/**
 * Checks a sample of the stored venue rows (every 101st line: about 1% of a week) against their
 * raw rows: the set-based copy must agree with the row rules on this file's real data (critical).
 */
export async function recordCopiedSampleCheck(
  context: Pick<PipelineContext, "scope" | "quality">,
  target: { readonly captureId: string; readonly inputCaptureId: string },
): Promise<void> {
  await recordSampledAgreement(context, {
    checkName: "normalize.stored_rows_match_source",
    stored: {
      table: "otc_venue_volume_rows",
      captureId: target.captureId,
      columns: ["symbol", "mpid", "share_volume", "trade_count"],
    },
    source: {
      table: "otc_raw_rows",
      captureId: target.inputCaptureId,
      columns: ["share_quantity_text", "trade_count_text", "symbol", "mpid"],
    },
    every: 101,
    disagrees,
    noun: "venue rows",
  });
}
