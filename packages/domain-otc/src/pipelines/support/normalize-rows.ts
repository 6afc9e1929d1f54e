import type { RejectIssue, RowPartition, Tier, VenueVolume } from "@spine/finra";
import { impliedWeekOfRow, validateVenueRow } from "@spine/finra";
import type { MetadataGroup, RejectInput } from "@spine/platform";
import { mostFrequentKey } from "@spine/platform";
import { createDuplicateKeyTracker } from "../../calculations/duplicate-keys.js";
import type { NormalizeSourceRow } from "./normalize-source-row.js";
import { venueRowFromRaw } from "./venue-row-from-raw.js";

/** Running totals of a normalize pass; rows read = accepted + rejected is checked from these. */
export interface NormalizeTally {
  rowsRead: number;
  accepted: number;
  rejected: number;
  acceptedShareVolume: number;
  acceptedTradeCount: number;
  rejectsByCode: Record<string, number>;
}

/** One page's verdicts: rows to keep and rows to reject. */
export interface PageVerdicts {
  readonly accepted: Array<{ raw: NormalizeSourceRow; volume: VenueVolume }>;
  readonly rejected: RejectInput[];
}

/** The partition being normalized, and the week most of the file's publication dates point to. */
export interface JudgePartition {
  readonly tier: Tier;
  readonly weekEnding: string;
  /** Week implied by the file's most common lastUpdateDate; null when the file carries none. */
  readonly dominantPublicationWeek: string | null;
  /** The ingest found the rows' dates to be one publication of this week: no date is a stray. */
  readonly placedByDates?: boolean;
}

// A row whose own week column decides its week is never judged by its lastUpdateDate (the column
// takes precedence). Otherwise the row's lastUpdateDate must point to the partition's week or to
// the week most of its file points to: a republication legitimately carries a later date on every
// row, while one row dated for another week in the middle of a file is a stray.
function createStrayCheck(partition: JudgePartition) {
  // A file carries one or two distinct dates, not a million: the week arithmetic runs once per date.
  const verdictByDate = new Map<string, RejectIssue | null>();
  const judge = (lastUpdateDate: string): RejectIssue | null => {
    if (partition.placedByDates === true) return null;
    const implied = impliedWeekOfRow({ weekText: null, lastUpdateDate }, partition.tier);
    if (!implied.ok) return null;
    const week = implied.value.weekEnding;
    if (week === partition.weekEnding || week === partition.dominantPublicationWeek) return null;
    return {
      code: "WEEK_MISMATCH",
      detail: `lastUpdateDate ${lastUpdateDate} publishes week ending ${week}; this partition is ${partition.weekEnding} and most of the file publishes ${partition.dominantPublicationWeek ?? "no week"}`,
    };
  };
  return (raw: NormalizeSourceRow): RejectIssue | null => {
    if (raw.last_update_date === null || (raw.week_text !== null && raw.week_text.trim() !== "")) return null;
    let verdict = verdictByDate.get(raw.last_update_date);
    if (verdict === undefined) {
      verdict = judge(raw.last_update_date);
      verdictByDate.set(raw.last_update_date, verdict);
    }
    return verdict;
  };
}

/** The week most of the file's rows without a week column point to (ties: the later date). */
export function dominantPublicationWeek(
  groups: readonly MetadataGroup<"week_text" | "last_update_date">[],
  tier: Tier,
): string | null {
  const rowsByDate = new Map<string, number>();
  for (const group of groups) {
    const date = group.last_update_date;
    if (group.week_text !== null || date === null) continue;
    rowsByDate.set(date, (rowsByDate.get(date) ?? 0) + group.rows);
  }
  const dominant = mostFrequentKey(rowsByDate);
  if (dominant === undefined) return null;
  const publication = impliedWeekOfRow({ weekText: null, lastUpdateDate: dominant }, tier);
  return publication.ok ? publication.value.weekEnding : null;
}

// The stray check judges lastUpdateDate instead, so the week rule ignores it.
function rowPartitionOf(partition: JudgePartition): RowPartition {
  return {
    dataset: "otc",
    tier: partition.tier,
    weekEnding: partition.weekEnding,
    ignoreLastUpdateDate: true,
  };
}

/** The per-file columns of a raw row; a file carries a handful of distinct combinations of them. */
export type RowMetadata = Pick<
  NormalizeSourceRow,
  "tier_text" | "week_text" | "last_update_date" | "summary_type_code"
>;

/**
 * Whether rows carrying this metadata pass every rule that depends on it (summary type, tier, week
 * column, stray publication date), decided by the same pure rules the row judge applies. The other
 * values of the probe are valid by construction, and validateVenueRow checks each field on its own,
 * so the verdict holds for any row with these metadata and a valid symbol, MPID and counts.
 */
export function createMetadataJudge(partition: JudgePartition): (metadata: RowMetadata) => boolean {
  const strayPublicationDate = createStrayCheck(partition);
  return (metadata) => {
    const probe: NormalizeSourceRow = {
      ...metadata,
      line_number: 0,
      symbol: "X",
      issue_name: null,
      mpid: "X",
      market_participant_name: null,
      share_quantity_text: "0",
      trade_count_text: "0",
      malformed_detail: null,
    };
    const validated = validateVenueRow(venueRowFromRaw(probe), rowPartitionOf(partition));
    return validated.ok && strayPublicationDate(probe) === null;
  };
}

/**
 * Tracks duplicate keys among the keys that occur more than once in the capture (`repeatedKeys`,
 * found by one GROUP BY): a million-row week then holds a handful of keys, not a million, and the
 * rule "the first VALID occurrence is kept" still decides within each repeated key.
 */
function createRepeatedKeyTracker(repeatedKeys: ReadonlySet<string>) {
  const tracker = createDuplicateKeyTracker();
  return (symbol: string, mpid: string): boolean =>
    repeatedKeys.has(repeatedKey(symbol, mpid)) && tracker.isDuplicate(symbol, mpid);
}

/** How {@link createRowJudge} expects repeated keys to be spelled. */
export function repeatedKey(symbol: string, mpid: string): string {
  return `${symbol}\u001f${mpid}`;
}

// Module-level rather than closures of the judge: they run only for rejected rows, and the per-row
// loop must not build a closure or an object it does not need. The first issue is the primary reason.
function firstIssueCode(issues: readonly RejectIssue[]): string {
  return issues[0]?.code ?? "MALFORMED_ROW";
}

function joinedIssueDetails(issues: readonly RejectIssue[]): string {
  return issues.map((issue) => issue.detail).join("; ");
}

function duplicateKeyDetail(volume: VenueVolume): string {
  return `(${volume.symbol}, ${volume.mpid}) already appeared earlier in the file; the first occurrence is kept`;
}

function accept(verdicts: PageVerdicts, tally: NormalizeTally, raw: NormalizeSourceRow, volume: VenueVolume) {
  verdicts.accepted.push({ raw, volume });
  tally.accepted += 1;
  tally.acceptedShareVolume += volume.shareVolume;
  tally.acceptedTradeCount += volume.tradeCount;
}

export function createRowJudge(
  partition: JudgePartition,
  tally: NormalizeTally,
  sourceFile: string | null,
  repeatedKeys: ReadonlySet<string>,
) {
  const isDuplicate = createRepeatedKeyTracker(repeatedKeys);
  const strayPublicationDate = createStrayCheck(partition);
  // Built once per judge, not per row: validateVenueRow only reads it.
  const rowPartition = rowPartitionOf(partition);
  // The raw line is attached by the caller, which reads it only for rejected lines.
  const reject = (verdicts: PageVerdicts, raw: NormalizeSourceRow, code: string, detail: string) => {
    verdicts.rejected.push({
      reasonCode: code,
      reasonDetail: detail,
      lineNumber: Number(raw.line_number),
      source: sourceFile,
    });
    tally.rejected += 1;
    tally.rejectsByCode[code] = (tally.rejectsByCode[code] ?? 0) + 1;
  };
  return (page: readonly NormalizeSourceRow[]): PageVerdicts => {
    const verdicts: PageVerdicts = { accepted: [], rejected: [] };
    for (const raw of page) {
      tally.rowsRead += 1;
      if (raw.malformed_detail !== null) {
        reject(verdicts, raw, "MALFORMED_ROW", raw.malformed_detail);
        continue;
      }
      const validated = validateVenueRow(venueRowFromRaw(raw), rowPartition);
      const stray = validated.ok ? strayPublicationDate(raw) : null;
      if (stray) {
        reject(verdicts, raw, stray.code, stray.detail);
      } else if (!validated.ok) {
        reject(verdicts, raw, firstIssueCode(validated.issues), joinedIssueDetails(validated.issues));
      } else if (isDuplicate(validated.value.symbol, validated.value.mpid)) {
        reject(verdicts, raw, "DUPLICATE_KEY", duplicateKeyDetail(validated.value));
      } else {
        accept(verdicts, tally, raw, validated.value);
      }
    }
    return verdicts;
  };
}
