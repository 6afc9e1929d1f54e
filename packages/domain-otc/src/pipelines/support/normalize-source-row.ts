import type { RawRow } from "../../database/otc-tables.js";

/**
 * The raw columns normalize judges. Deliberately not the whole row: lineage and the raw line are
 * the same for the capture or needed only for the few rejected rows, and reading them for every
 * row of a million-row week costs more than the validation itself.
 */
export const normalizeSourceColumns = [
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
] as const;

/** One raw row as normalize reads it. */
export type NormalizeSourceRow = Pick<RawRow, (typeof normalizeSourceColumns)[number]>;
