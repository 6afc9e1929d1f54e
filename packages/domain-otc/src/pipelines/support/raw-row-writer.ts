import { isBlankLine } from "../../parsing/blank-line.js";
import { isDownloadLayout, plainDownloadFields } from "./download-line-fast-path.js";
import type { RawCounts } from "./ingest-row-checks.js";
import { createDateCounter, createSameWeekCheck } from "./ingest-row-checks.js";
import type { MetadataProfile } from "./raw-metadata-profile.js";
import { cleanCounts, standardRowOf, toRawRow } from "./raw-row-builders.js";
import type { SourceHeader, SourceIdentity } from "./source-identity.js";
import { parseHeader } from "./source-identity.js";

export type { RawCounts } from "./ingest-row-checks.js";

/** Column order of the rows {@link createRawRowConverter} returns, for bulk insert into otc_raw_rows. */
export const rawColumns = [
  "capture_id",
  "line_number",
  "tier_text",
  "symbol",
  "issue_name",
  "market_participant_name",
  "mpid",
  "share_quantity_text",
  "trade_count_text",
  "last_update_date",
  "week_text",
  "summary_type_code",
  "malformed_detail",
  "raw_line",
  "record_hash",
] as const;

/**
 * The columns of a standard row: a download-layout line whose raw_line the otc_raw view rebuilds
 * and which has no week, summary type or malformed detail. Most rows are standard; leaving out the
 * four NULLs saves a fifth of the values bound per row.
 */
export const standardRawColumns: readonly string[] = rawColumns.filter(
  (column) => !["week_text", "summary_type_code", "malformed_detail", "raw_line"].includes(column),
);

/**
 * One batch of raw rows: standard rows in {@link standardRawColumns}, the rest in {@link rawColumns}.
 * A standard row's last value is its record key until a RecordHasher replaces it by the hash, so
 * the hashing can run on another thread; other rows (few) arrive hashed.
 */
export interface RawRowBatch {
  readonly standard: Array<unknown[]>;
  readonly other: Array<readonly unknown[]>;
}

/** What {@link createRawRowConverter} needs to know about the file being ingested. */
export interface RawRowSource {
  readonly identity: SourceIdentity;
  readonly captureId: string;
  readonly path: string;
  readonly counts: RawCounts;
  /** False sends every line down the general path: tests compare the two. */
  readonly downloadFastPath?: boolean;
  /** Receives every row's metadata combination, for otc_raw_metadata. */
  readonly profile?: MetadataProfile;
}

/** A run of consecutive plain download lines with one tier and lastUpdateDate, written without passing through JavaScript. */
export interface PlainLineRun {
  readonly firstLineNumber: number;
  readonly lineCount: number;
  /** How many of the run's lines have both counts clean (see isCanonicalCount). */
  readonly cleanLineCount: number;
  readonly tierText: string;
  readonly lastUpdateDate: string;
}

/** Converts numbered lines into raw rows, keeping the header and the counts (see {@link createRawRowConverter}). */
export interface RawLineConverter {
  /** Converts one line into `batch`; line numbers must ascend. */
  line(lineNumber: number, line: string, batch: RawRowBatch): void;
  /** Counts a run of plain download lines inserted elsewhere, as `line` would have counted them. */
  plainRun(run: PlainLineRun): void;
  /** Ends a batch. */
  flush(): void;
  /** The header, once its line has been converted. */
  header(): SourceHeader | null;
}

/**
 * The line-by-line converter behind {@link createRawRowConverter}: every non-blank line after the
 * header becomes exactly one row (malformed lines too, flagged), so nothing is dropped before
 * normalize judges it.
 */
export function createRawLineConverter(source: RawRowSource): RawLineConverter {
  const { identity, captureId, path, counts } = source;
  const assertSameWeek = createSameWeekCheck(identity, path);
  const countDate = createDateCounter(counts);
  let header: SourceHeader | null = null;
  let fastPath = false;
  return {
    line: (lineNumber, line, batch) => {
      if (isBlankLine(line)) {
        counts.blankLines += 1;
        return;
      }
      if (header === null) {
        header = parseHeader(line, lineNumber, path);
        fastPath = source.downloadFastPath !== false && isDownloadLayout(header);
        return;
      }
      const fields = fastPath ? plainDownloadFields(line) : null;
      if (fields !== null) {
        batch.standard.push(standardRowOf(identity, captureId, lineNumber, fields));
        const lastUpdateDate = fields[7] ?? null;
        source.profile?.addValues(fields[0] ?? null, null, lastUpdateDate, null, cleanCounts(fields));
        assertSameWeek(null, lastUpdateDate, lineNumber);
        countDate.count(lastUpdateDate);
      } else {
        const { row, values, standard, profile } = toRawRow(identity, captureId, lineNumber, line, header);
        source.profile?.add(profile);
        if (row) {
          assertSameWeek(row.weekText, row.lastUpdateDate, lineNumber);
          countDate.count(row.lastUpdateDate);
        } else counts.malformed += 1;
        (standard ? batch.standard : batch.other).push(values);
      }
      counts.rowsRead += 1;
    },
    plainRun: (run) => {
      source.profile?.addRows(
        run.tierText,
        null,
        run.lastUpdateDate,
        null,
        run.lineCount,
        run.cleanLineCount,
      );
      assertSameWeek(null, run.lastUpdateDate, run.firstLineNumber);
      countDate.count(run.lastUpdateDate, run.lineCount);
      counts.rowsRead += run.lineCount;
    },
    flush: () => countDate.flush(),
    header: () => header,
  };
}

/**
 * Turns batches of file lines into otc_raw_rows rows, numbering lines across batches (see
 * {@link createRawLineConverter}).
 */
export function createRawRowConverter(source: RawRowSource): (lines: readonly string[]) => RawRowBatch {
  const converter = createRawLineConverter(source);
  let lineNumber = 0;
  return (lines) => {
    const batch: RawRowBatch = { standard: [], other: [] };
    for (const line of lines) {
      lineNumber += 1;
      converter.line(lineNumber, line, batch);
    }
    converter.flush();
    return batch;
  };
}
