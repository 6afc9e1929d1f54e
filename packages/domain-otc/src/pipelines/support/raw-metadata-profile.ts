/** One metadata combination of a raw capture, as stored in otc_raw_metadata. */
export interface MetadataProfileEntry {
  readonly tier_text: string | null;
  readonly week_text: string | null;
  readonly last_update_date: string | null;
  readonly summary_type_code: string | null;
  row_count: number;
  clean_row_count: number;
}

// The same test as normalize's SQLite plain-row check (normalize-fast-path.ts): a canonical
// decimal of at most 15 digits, which parseCount and an integer cast read alike.
const canonicalCount = /^(?:0|[1-9][0-9]{0,14})$/;

/** True when a count text is a canonical whole number of at most 15 digits. */
export function isCanonicalCount(text: string): boolean {
  return canonicalCount.test(text);
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
  return {
    add({ tierText, weekText, lastUpdateDate, summaryTypeCode, clean }) {
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
      entry.row_count += 1;
      if (clean) entry.clean_row_count += 1;
    },
    entries: () => [...byKey.values()],
  };
}
