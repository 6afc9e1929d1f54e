import type { Selectable, TableColumns, WithLatestViews } from "@spine/platform";

/** Columns every derived row carries: which capture, which calculation and version, and when. */
type Derived<
  Text extends string,
  Numeric extends string,
  MaybeText extends string = "",
  MaybeNumeric extends string = "",
> = TableColumns<
  `capture_id tier week_ending calc_name calc_version computed_at execution_id ${Text}`,
  Numeric,
  MaybeText,
  MaybeNumeric
>;

/**
 * The otc_captures and otc_captures_latest views (migration 0006): OTC's rows of the platform's
 * core_captures with the partition's tier and week, publication date and week rule as columns.
 * calc_name and calc_version name the calculation that produced the capture's rows (0002).
 */
export type OtcCapturesTable = TableColumns<
  "capture_id tier week_ending stage variant execution_id created_at",
  "capture_number row_count",
  "input_capture_id source_file source_sha256 source_last_update_date week_rule calc_name calc_version batch_id",
  "source_revision"
>;

/**
 * One line of an ingested file (migration 0002); lineage lives once per capture in core_captures.
 * raw_line is NULL when the line is its fields in FINRA's download order joined by "|" (the view rebuilds it).
 */
export type OtcRawRowsTable = TableColumns<
  "capture_id",
  "line_number",
  "tier_text symbol issue_name mpid market_participant_name share_quantity_text trade_count_text last_update_date week_text summary_type_code malformed_detail raw_line"
>;

/** The otc_raw view: every raw row, its line rebuilt where it was not stored, with its capture's lineage. */
export type OtcRawTable = Omit<OtcRawRowsTable, "raw_line"> &
  TableColumns<
    "tier week_ending raw_line source_file source_sha256 execution_id ingested_at",
    "source_revision",
    "source_last_update_date batch_id"
  >;

/** One metadata combination of a raw capture, counted by ingest (migration 0004). */
export type OtcRawMetadataTable = TableColumns<
  "capture_id",
  "position row_count clean_row_count",
  "tier_text week_text last_update_date summary_type_code"
>;

/** One validated venue row (migration 0002); the otc_venue_volume view adds its lineage. */
export type OtcVenueVolumeRowsTable = TableColumns<
  "capture_id symbol mpid",
  "share_volume trade_count line_number",
  "issue_name market_participant_name"
>;

/** The otc_venue_volume view: venue rows with lineage and average trade size (no record hash since 0009). */
export type OtcVenueVolumeTable = OtcVenueVolumeRowsTable & Derived<"", "", "", "avg_trade_size">;

/** issue_name: the smallest non-NULL issue name among the symbol's venue rows (byte order); NULL before 0005. */
export type OtcSymbolSummaryTable = Derived<
  "symbol",
  "total_volume total_trades venue_count",
  "issue_name",
  "avg_trade_size"
>;

export type OtcVenueShareTable = Derived<
  "mpid",
  "total_volume total_trades symbol_count market_share rank",
  "market_participant_name"
>;

export type OtcSymbolConcentrationTable = Derived<"symbol", "venue_count", "top_mpid", "hhi top_share">;

export type OtcLiquidityScoreTable = Derived<"symbol", "venue_count", "", "avg_trade_size liquidity_score">;

export type OtcSymbolRollingTable = Derived<
  "symbol",
  "window_weeks weeks_available weeks_traded avg_volume avg_trades min_volume max_volume is_complete",
  "",
  "trend_pct"
> & { trend_direction: "UP" | "DOWN" | "FLAT" | "UNKNOWN" };

export type OtcResearchSnapshotTable = Derived<
  "symbol expected_publication_date",
  "total_volume total_trades venue_count",
  "issue_name top_mpid rolling_trend_direction source_last_update_date",
  "avg_trade_size hhi top_share liquidity_score rolling_window_weeks rolling_weeks_available rolling_avg_volume rolling_trend_pct rolling_is_complete"
>;

/** A derived table as stored (migration 0008): its view adds the capture's tier, week, time and execution. */
type StoredDerived<Table> = Omit<Table, "tier" | "week_ending" | "computed_at" | "execution_id">;

type RowTables = {
  otc_captures: OtcCapturesTable;
  otc_venue_volume: OtcVenueVolumeTable;
  otc_symbol_summary: OtcSymbolSummaryTable;
  otc_venue_share: OtcVenueShareTable;
  otc_symbol_concentration: OtcSymbolConcentrationTable;
  otc_liquidity_score: OtcLiquidityScoreTable;
  otc_symbol_rolling: OtcSymbolRollingTable;
  otc_research_snapshot: OtcResearchSnapshotTable;
};

/** Kysely database type of the OTC domain's tables and `_latest` views. */
export type OtcTables = WithLatestViews<RowTables> & {
  otc_raw: OtcRawTable;
  otc_raw_rows: OtcRawRowsTable;
  otc_raw_metadata: OtcRawMetadataTable;
  otc_venue_volume_rows: OtcVenueVolumeRowsTable;
  otc_issue_names: TableColumns<"capture_id symbol issue_name", "">;
  otc_participant_names: TableColumns<"capture_id mpid market_participant_name", "">;
  otc_symbol_summary_rows: StoredDerived<OtcSymbolSummaryTable>;
  otc_venue_share_rows: StoredDerived<OtcVenueShareTable>;
  otc_symbol_concentration_rows: StoredDerived<OtcSymbolConcentrationTable>;
  otc_liquidity_score_rows: StoredDerived<OtcLiquidityScoreTable>;
  otc_symbol_rolling_rows: StoredDerived<OtcSymbolRollingTable>;
  otc_research_snapshot_rows: StoredDerived<OtcResearchSnapshotTable>;
};

export type RawRow = Selectable<OtcRawTable>;
