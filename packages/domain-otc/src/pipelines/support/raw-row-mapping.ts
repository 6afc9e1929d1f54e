import { FINRA_DOWNLOAD_DELIMITER, FINRA_DOWNLOAD_ORDER, parseVenueLine } from "@spine/finra";
import type { DelimitedRowMapping, SharedValues } from "@spine/platform";
import { createRunCounter, isExactLayout } from "@spine/platform";
import type { finraHeaderSpec, SourceHeader } from "./finra-header.js";
import { createSameWeekCheck } from "./ingest-row-checks.js";
import type { RawMetadataProfile } from "./otc-plain-copy.js";
import {
  cleanCounts,
  malformedProfile,
  malformedRowValues,
  parsedRowValues,
  standardRowOf,
} from "./raw-row-values.js";
import type { SourceIdentity } from "./source-identity.js";

/** Column order of the rows of the general target, for bulk insert into otc_raw_rows. */
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
] as const;

/**
 * The columns of a standard row: a download-layout line whose raw_line the otc_raw view rebuilds
 * and which has no week, summary type or malformed detail. Most rows are standard; leaving out the
 * four NULLs saves a fifth of the values bound per row.
 */
export const standardRawColumns: readonly string[] = rawColumns.filter(
  (column) => !["week_text", "summary_type_code", "malformed_detail", "raw_line"].includes(column),
);

/** What {@link createRawRowMapping} needs to know about the file being ingested. */
export interface RawRowSource {
  readonly identity: SourceIdentity;
  readonly captureId: string;
  readonly path: string;
  /** Receives how many rows carry each lastUpdateDate (a file has one or two), to find the file's own date. */
  readonly lastUpdateDates: Map<string, number>;
  /** False sends every line down the general path: tests compare the two. */
  readonly downloadFastPath?: boolean;
  /** Receives every row's metadata combination, for otc_raw_metadata. */
  readonly profile?: RawMetadataProfile;
  /** Receives every parsed row, for the names kept once per capture (sharedNames). */
  readonly names?: SharedValues;
}

/** True when a header is FINRA's download layout in its own column order, pipe-delimited. */
export const isDownloadLayout = (header: SourceHeader): boolean =>
  isExactLayout(header, FINRA_DOWNLOAD_DELIMITER, FINRA_DOWNLOAD_ORDER);

/**
 * OTC's row mapping into otc_raw_rows: every non-blank line after the header becomes exactly one
 * row (malformed lines too, flagged), so nothing is dropped before normalize judges it. Target 0
 * takes standard rows (standardRawColumns), target 1 the others (rawColumns). A plain line of a
 * download-layout file is stored field for field as read: the general path would store the same.
 */
export function createRawRowMapping(
  source: RawRowSource,
): DelimitedRowMapping<typeof finraHeaderSpec.columns> {
  const { identity, captureId, profile, names } = source;
  return {
    targets: [
      { table: "otc_raw_rows", columns: standardRawColumns },
      { table: "otc_raw_rows", columns: rawColumns },
    ],
    start(header) {
      const fastPath = source.downloadFastPath !== false && isDownloadLayout(header);
      const assertSameWeek = createSameWeekCheck(identity, source.path);
      const countDate = createRunCounter(source.lastUpdateDates);
      return {
        row(fields, lineNumber, line, plain, batch) {
          if (plain && fastPath) {
            const lastUpdateDate = fields[7] ?? null;
            const values = standardRowOf(captureId, lineNumber, fields);
            batch[0]?.push(values);
            names?.add(values);
            profile?.add([fields[0] ?? null, null, lastUpdateDate, null], cleanCounts(fields));
            assertSameWeek(null, lastUpdateDate, lineNumber);
            countDate.count(lastUpdateDate);
            return;
          }
          const parsed = parseVenueLine(fields, header.columns, lineNumber, line);
          if (!parsed.ok) throw new Error(`line ${lineNumber}: ingest handed over a malformed line`);
          const row = parsed.value;
          const { values, standard, profile: rowProfile } = parsedRowValues(captureId, row, line);
          profile?.add(rowProfile.values, rowProfile.clean);
          assertSameWeek(row.weekText, row.lastUpdateDate, lineNumber);
          countDate.count(row.lastUpdateDate);
          batch[standard ? 0 : 1]?.push(values);
          names?.add(values);
        },
        malformed(lineNumber, line, detail, batch) {
          profile?.add(malformedProfile.values, malformedProfile.clean);
          batch[1]?.push(malformedRowValues(captureId, lineNumber, line, detail));
        },
        endBatch: () => countDate.flush(),
      };
    },
  };
}
