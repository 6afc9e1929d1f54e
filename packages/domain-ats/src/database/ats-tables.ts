import type { SqlScope } from "@spine/platform";

/**
 * A row type by column kind: text, numbers, and the nullable ones of each. Every ATS table is
 * spelled this way, one line per table, so the columns read like the migration's SQL.
 */
type Columns<
  Text extends string,
  Numeric extends string,
  MaybeText extends string = never,
  MaybeNumeric extends string = never,
> = Record<Text, string> &
  Record<Numeric, number> &
  Record<MaybeText, string | null> &
  Record<MaybeNumeric, number | null>;

/** Every ATS row belongs to one capture of one tier-week. */
type Owned = "capture_id" | "tier" | "week_ending";

/** Every line of an ingested file, as read (ingest). */
export type AtsRawLinesTable = Columns<
  "capture_id" | "record_hash",
  "line_number",
  | "tier_text"
  | "week_text"
  | "symbol"
  | "issue_name"
  | "mpid"
  | "ats_name"
  | "shares_text"
  | "trades_text"
  | "summary_type"
  | "published"
  | "broken"
  | "line_text"
>;

/** The accepted ATS_W_SMBL_FIRM rows: one ATS, one symbol (normalize). */
export type AtsVenueRowsTable = Columns<
  Owned | "symbol" | "mpid",
  "line_number" | "shares" | "trades",
  "issue_name" | "ats_name"
>;

/** Each ATS's share of the tier-week's ATS volume, its rank and average trade size (aggregate). */
export type AtsMarketShareTable = Columns<
  Owned | "mpid",
  "shares" | "trades" | "symbols" | "market_share" | "share_rank",
  "ats_name",
  "avg_trade_size"
>;

/** Each symbol's ATS concentration (aggregate). */
export type AtsSymbolHhiTable = Columns<Owned | "symbol", "ats_count", "top_mpid", "hhi" | "top_share">;

/** Each ATS over the weeks of a window ending at the capture's week (trend). */
export type AtsShareTrendTable = Columns<
  Owned | "mpid",
  "window_weeks" | "weeks_present" | "window_shares" | "mean_share",
  never,
  "share_change"
>;

/** One research row per ATS of a tier-week: this week's standing beside its trend (snapshot). */
export type AtsSnapshotTable = Columns<
  Owned | "mpid",
  "share_rank" | "market_share" | "shares" | "symbols_led" | "window_weeks",
  "ats_name",
  "avg_trade_size" | "mean_share" | "share_change"
>;

/** The ATS tables and their `_latest` views, for Kysely. */
export type AtsTables = {
  ats_raw_lines: AtsRawLinesTable;
  ats_venue_rows: AtsVenueRowsTable;
  ats_venue_rows_latest: AtsVenueRowsTable;
  ats_market_share: AtsMarketShareTable;
  ats_market_share_latest: AtsMarketShareTable;
  ats_symbol_hhi: AtsSymbolHhiTable;
  ats_symbol_hhi_latest: AtsSymbolHhiTable;
  ats_share_trend: AtsShareTrendTable;
  ats_share_trend_latest: AtsShareTrendTable;
  ats_snapshot: AtsSnapshotTable;
  ats_snapshot_latest: AtsSnapshotTable;
};

/** The scope's Kysely handle, knowing the ATS tables beside the platform's. */
export const atsTables = (scope: Pick<SqlScope, "db">) => scope.db.withTables<AtsTables>();
