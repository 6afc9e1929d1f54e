import { maximumCountDigits } from "@spine/finra";

/** One metadata combination of a raw capture, as stored in otc_raw_metadata. */
export interface MetadataProfileEntry {
  readonly tier_text: string | null;
  readonly week_text: string | null;
  readonly last_update_date: string | null;
  readonly summary_type_code: string | null;
  row_count: number;
  clean_row_count: number;
}

/**
 * True when a count text is a canonical whole number of at most 12 digits (maximumCountDigits): the same test as
 * normalize's SQLite plain-row check (normalize-fast-path.ts), which parseCount and an integer
 * cast read alike. A loop over character codes, as it runs twice for every ingested row.
 */
export function isCanonicalCount(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > maximumCountDigits) return false;
  if (text.charCodeAt(0) === 0x30) return length === 1;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** One row's metadata combination, and whether the row is clean. */
export interface RowProfile {
  readonly tierText: string | null;
  readonly weekText: string | null;
  readonly lastUpdateDate: string | null;
  readonly summaryTypeCode: string | null;
  readonly clean: boolean;
}

/** Counts rows per metadata combination while ingest streams (see {@link createMetadataProfile}). */
export interface MetadataProfile {
  add(row: RowProfile): void;
  /** The same as add, without an object per row (the download fast path). */
  addValues(
    tierText: string | null,
    weekText: string | null,
    lastUpdateDate: string | null,
    summaryTypeCode: string | null,
    clean: boolean,
  ): void;
  /** Counts `rows` rows of one combination at once, `cleanRows` of them clean. */
  addRows(
    tierText: string | null,
    weekText: string | null,
    lastUpdateDate: string | null,
    summaryTypeCode: string | null,
    rows: number,
    cleanRows: number,
  ): void;
  /** The combinations in order of first appearance. */
  entries(): MetadataProfileEntry[];
}

/**
 * A profile of the metadata combinations ingest writes. Consecutive rows almost always repeat the
 * previous combination, which is then counted without building a key.
 */
export function createMetadataProfile(): MetadataProfile {
  const byKey = new Map<string, MetadataProfileEntry>();
  let current: MetadataProfileEntry | null = null;
  const addRows: MetadataProfile["addRows"] = (
    tierText,
    weekText,
    lastUpdateDate,
    summaryTypeCode,
    rows,
    cleanRows,
  ) => {
    const same =
      current !== null &&
      current.tier_text === tierText &&
      current.week_text === weekText &&
      current.last_update_date === lastUpdateDate &&
      current.summary_type_code === summaryTypeCode;
    if (!same) {
      const key = JSON.stringify([tierText, weekText, lastUpdateDate, summaryTypeCode]);
      current = byKey.get(key) ?? null;
      if (current === null) {
        current = {
          tier_text: tierText,
          week_text: weekText,
          last_update_date: lastUpdateDate,
          summary_type_code: summaryTypeCode,
          row_count: 0,
          clean_row_count: 0,
        };
        byKey.set(key, current);
      }
    }
    const entry = current as MetadataProfileEntry;
    entry.row_count += rows;
    entry.clean_row_count += cleanRows;
  };
  const addValues: MetadataProfile["addValues"] = (
    tierText,
    weekText,
    lastUpdateDate,
    summaryTypeCode,
    clean,
  ) => addRows(tierText, weekText, lastUpdateDate, summaryTypeCode, 1, clean ? 1 : 0);
  return {
    add: (row) => addValues(row.tierText, row.weekText, row.lastUpdateDate, row.summaryTypeCode, row.clean),
    addValues,
    addRows,
    entries: () => [...byKey.values()],
  };
}
