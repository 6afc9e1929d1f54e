import { FINRA_COLUMN_SPELLINGS, type FinraColumn } from "@spine/finra";
import { defineHeaderSpec, type ParsedHeader } from "@spine/platform";

const must = (column: FinraColumn) => ({ aliases: FINRA_COLUMN_SPELLINGS[column], required: true as const });
const may = (column: FinraColumn) => ({ aliases: FINRA_COLUMN_SPELLINGS[column] });

/** An ATS file's columns, found by name in any order and spelling FINRA uses (download, Query API export): the
 * four a row cannot do without are required, the rest optional. */
export const atsHeader = defineHeaderSpec({
  columns: {
    symbol: must("symbol"),
    mpid: must("mpid"),
    shareQuantity: must("shareQuantity"),
    tradeCount: must("tradeCount"),
    tier: may("tier"),
    issueName: may("issueName"),
    atsName: may("marketParticipantName"),
    published: may("lastUpdateDate"),
    week: may("week"),
    summaryType: may("summaryTypeCode"),
  },
});

/** A parsed ATS header: the delimiter and where each column sits. */
export type AtsHeader = ParsedHeader<typeof atsHeader.columns>;

/** The field at a column's position, or null when the file lacks the column. */
export function fieldAt(fields: readonly string[], position: number | null): string | null {
  return position === null ? null : (fields[position] ?? null);
}
