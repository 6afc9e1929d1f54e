import { parseCount } from "@spine/finra";
import type { PipelineContext } from "@spine/platform";
import { sql } from "@spine/platform";

// Every 101st line: about 1% of a week, so the check reads ~10,000 rows of a million-row week.
const sampleEvery = 101;

interface SampledRow {
  line_number: number | string;
  share_quantity_text: string | null;
  trade_count_text: string | null;
  raw_symbol: string | null;
  raw_mpid: string | null;
  symbol: string;
  mpid: string;
  share_volume: number | string;
  trade_count: number | string;
}

// The pure parser's reading of the raw row must be exactly what the SQL copy stored.
function disagrees(row: SampledRow): boolean {
  const shares = parseCount(row.share_quantity_text ?? "");
  const trades = parseCount(row.trade_count_text ?? "");
  return (
    !shares.ok ||
    !trades.ok ||
    shares.value !== Number(row.share_volume) ||
    trades.value !== Number(row.trade_count) ||
    row.raw_symbol?.trim() !== row.symbol ||
    row.raw_mpid?.trim() !== row.mpid
  );
}

/**
 * Re-reads a sample of the stored venue rows next to their raw rows and checks that the pure
 * parser reads the raw text as the stored numbers and keys: an independent check that the set-based
 * copy agrees with the row rules on this file's real data (critical: a mismatch fails the stage).
 */
export async function recordCopiedSampleCheck(
  context: PipelineContext,
  target: { readonly captureId: string; readonly inputCaptureId: string },
): Promise<void> {
  const sample = await sql<SampledRow>`select v.line_number, r.share_quantity_text, r.trade_count_text,
    r.symbol as raw_symbol, r.mpid as raw_mpid, v.symbol, v.mpid, v.share_volume, v.trade_count
  from otc_venue_volume_rows v
  join otc_raw_rows r on r.capture_id = ${target.inputCaptureId} and r.line_number = v.line_number
  where v.capture_id = ${target.captureId} and v.line_number % ${sampleEvery} = 0`.execute(context.scope.db);
  const mismatches = sample.rows.filter(disagrees).map((row) => Number(row.line_number));
  await context.quality.record({
    checkName: "normalize.stored_rows_match_source",
    severity: "critical",
    status: mismatches.length === 0 ? "pass" : "fail",
    message:
      mismatches.length === 0
        ? `${sample.rows.length} sampled venue rows (every ${sampleEvery}th line) read back as their raw text parses`
        : `stored venue rows differ from their raw text at lines ${mismatches.slice(0, 10).join(", ")}`,
    actual: mismatches.length,
    expectedValue: 0,
  });
}
