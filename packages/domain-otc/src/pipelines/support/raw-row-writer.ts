import { createHash } from "node:crypto";
import { SpineError } from "@spine/platform";
import { canonicalRecordKey } from "../../calculations/record-key.js";
import { impliedWeekOfRow } from "../../models/implied-week.js";
import type { RawVenueRow } from "../../models/venue-row.js";
import { isBlankLine } from "../../parsing/blank-line.js";
import { splitDelimitedLine } from "../../parsing/split-delimited-line.js";
import { parseVenueLine } from "../../parsing/venue-line.js";
import type { SourceHeader, SourceIdentity } from "./source-identity.js";
import { parseHeader } from "./source-identity.js";

/** Column order of the rows {@link rawRows} yields, for bulk insert into otc_raw. */
export const rawColumns = [
  "capture_id",
  "tier",
  "week_ending",
  "line_number",
  "tier_text",
  "symbol",
  "issue_name",
  "mpid",
  "market_participant_name",
  "share_quantity_text",
  "trade_count_text",
  "last_update_date",
  "week_text",
  "summary_type_code",
  "malformed_detail",
  "raw_line",
  "record_hash",
  "source_file",
  "source_sha256",
  "source_revision",
  "source_last_update_date",
  "execution_id",
  "batch_id",
  "ingested_at",
] as const;

/** Lineage stamped on every raw row of one capture. */
export interface RawLineage {
  readonly captureId: string;
  readonly sourceFile: string;
  readonly sourceSha256: string;
  readonly sourceRevision: number;
  readonly executionId: string;
  readonly batchId: string;
  readonly ingestedAt: string;
}

/** Counts kept while streaming, so rows read = rows written is checkable. */
export interface RawCounts {
  rowsRead: number;
  blankLines: number;
  malformed: number;
  /** How many rows carry each lastUpdateDate (a file has one or two), to find the file's own date. */
  lastUpdateDates: Map<string, number>;
}

function recordHash(identity: SourceIdentity, row: RawVenueRow | null, rawLine: string): string {
  const canonical = row
    ? canonicalRecordKey({
        weekEnding: identity.weekEnding,
        tier: identity.tier,
        symbol: row.symbol,
        mpid: row.mpid,
        shareVolume: row.shareQuantityText,
        tradeCount: row.tradeCountText,
      })
    : `${identity.weekEnding}\u001f${identity.tier}\u001f${rawLine}`;
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}

// With no explicit week, a file that mixes weeks is ambiguous: refuse it rather than guess.
// A file carries a handful of distinct week values, so the date arithmetic runs once per value.
function createSameWeekCheck(identity: SourceIdentity, path: string) {
  const weekByEvidence = new Map<string, string | null>();
  return (row: RawVenueRow): void => {
    if (identity.weekRule === "parameter") return;
    const evidence = `${row.weekText ?? ""}\u001f${row.lastUpdateDate ?? ""}`;
    let week = weekByEvidence.get(evidence);
    if (week === undefined) {
      const implied = impliedWeekOfRow(row, identity.tier);
      week = implied.ok ? implied.value.weekEnding : null;
      weekByEvidence.set(evidence, week);
    }
    if (week !== null && week !== identity.weekEnding) refuseMixedWeeks(identity, row.lineNumber, week, path);
  };
}

function refuseMixedWeeks(identity: SourceIdentity, lineNumber: number, week: string, path: string): never {
  throw new SpineError(
    "SOURCE",
    `${path}: rows disagree on the week: line ${lineNumber} is week ending ${week} but the file was identified as ${identity.weekEnding} (by ${identity.weekRule}). Pass week_ending to load it as one week.`,
  );
}

function toRawRow(
  identity: SourceIdentity,
  lineage: RawLineage,
  lineNumber: number,
  line: string,
  header: SourceHeader,
) {
  const parsed = parseVenueLine(splitDelimitedLine(line, header.delimiter), header.columns, lineNumber, line);
  const row = parsed.ok ? parsed.value : null;
  const malformed = parsed.ok ? null : (parsed.issues[0]?.detail ?? "malformed row");
  return {
    row,
    values: [
      lineage.captureId,
      identity.tier,
      identity.weekEnding,
      lineNumber,
      row?.tierText ?? null,
      // Stored trimmed, as validation compares them, so SQL can group duplicate keys; raw_line keeps the original.
      row?.symbol.trim() ?? null,
      row?.issueName ?? null,
      row?.mpid.trim() ?? null,
      row?.marketParticipantName ?? null,
      row?.shareQuantityText ?? null,
      row?.tradeCountText ?? null,
      row?.lastUpdateDate ?? null,
      row?.weekText ?? null,
      row?.summaryTypeCode ?? null,
      malformed,
      line,
      recordHash(identity, row, line),
      lineage.sourceFile,
      lineage.sourceSha256,
      lineage.sourceRevision,
      identity.lastUpdateDate,
      lineage.executionId,
      lineage.batchId,
      lineage.ingestedAt,
    ] as const,
  };
}

/**
 * Turns a stream of file lines into otc_raw rows: every non-blank line after the header becomes
 * exactly one row (malformed lines too, flagged), so nothing is dropped before normalize judges it.
 */
export async function* rawRows(
  lines: AsyncIterable<string>,
  context: {
    identity: SourceIdentity;
    lineage: RawLineage;
    path: string;
    counts: RawCounts;
    onProgress: (read: number) => void;
  },
): AsyncGenerator<readonly unknown[]> {
  const { identity, lineage, path, counts } = context;
  const assertSameWeek = createSameWeekCheck(identity, path);
  let header: SourceHeader | null = null;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (isBlankLine(line)) {
      counts.blankLines += 1;
      continue;
    }
    if (header === null) {
      header = parseHeader(line, lineNumber, path);
      continue;
    }
    const { row, values } = toRawRow(identity, lineage, lineNumber, line, header);
    if (row) {
      assertSameWeek(row);
      const date = row.lastUpdateDate?.trim();
      if (date) counts.lastUpdateDates.set(date, (counts.lastUpdateDates.get(date) ?? 0) + 1);
    } else counts.malformed += 1;
    counts.rowsRead += 1;
    if (counts.rowsRead % 50_000 === 0) context.onProgress(counts.rowsRead);
    yield values;
  }
}
