import type { TableColumns as Columns, SqlScope, WithLatestViews } from "@spine/platform";

/** Every line of an ingested file, as read (ingest). */
export type AtsRawLinesTable = Columns<
  "capture_id record_hash",
  "line_number",
  "tier_text week_text symbol issue_name mpid ats_name shares_text trades_text summary_type published broken line_text"
>;

/** The accepted ATS_W_SMBL_FIRM rows: one ATS, one symbol (normalize). */
export type AtsVenueRowsTable = Columns<
  "capture_id tier week_ending symbol mpid",
  "line_number shares trades",
  "issue_name ats_name"
>;

/** Each ATS's share of the tier-week's ATS volume, its rank and average trade size (aggregate). */
export type AtsMarketShareTable = Columns<
  "capture_id tier week_ending mpid",
  "shares trades symbols market_share share_rank",
  "ats_name",
  "avg_trade_size"
>;

/** Each symbol's ATS concentration (aggregate). */
export type AtsSymbolHhiTable = Columns<
  "capture_id tier week_ending symbol",
  "ats_count",
  "top_mpid",
  "hhi top_share"
>;

/** Each ATS over the weeks of a window ending at the capture's week (trend). */
export type AtsShareTrendTable = Columns<
  "capture_id tier week_ending mpid",
  "window_weeks weeks_present window_shares mean_share",
  "",
  "share_change"
>;

/** One research row per ATS of a tier-week: this week's standing beside its trend (snapshot). */
export type AtsSnapshotTable = Columns<
  "capture_id tier week_ending mpid",
  "share_rank market_share shares symbols_led window_weeks",
  "ats_name",
  "avg_trade_size mean_share share_change"
>;

type RowTables = {
  ats_raw_lines: AtsRawLinesTable;
  ats_venue_rows: AtsVenueRowsTable;
  ats_market_share: AtsMarketShareTable;
  ats_symbol_hhi: AtsSymbolHhiTable;
  ats_share_trend: AtsShareTrendTable;
  ats_snapshot: AtsSnapshotTable;
};

/** The ATS tables and the `_latest` views over them, for Kysely. */
export type AtsTables = WithLatestViews<RowTables>;

/** The scope's Kysely handle, knowing the ATS tables beside the platform's. */
export const atsTables = (scope: Pick<SqlScope, "db">) => scope.db.withTables<AtsTables>();

export { columnList } from "@spine/platform";
