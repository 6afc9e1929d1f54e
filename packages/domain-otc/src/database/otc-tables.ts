import type { Selectable } from "@spine/platform";

/** Columns every derived row carries: which capture, which calculation and version, and when. */
interface DerivedColumns {
  capture_id: string;
  tier: string;
  week_ending: string;
  calc_name: string;
  calc_version: string;
  computed_at: string;
  execution_id: string;
}

/**
 * The otc_captures and otc_captures_latest views (migration 0006): OTC's rows of the platform's
 * core_captures with the partition's tier and week, publication date and week rule as columns.
 */
export interface OtcCapturesTable {
  capture_id: string;
  tier: string;
  week_ending: string;
  stage: string;
  variant: string;
  capture_number: number;
  input_capture_id: string | null;
  source_file: string | null;
  source_sha256: string | null;
  source_revision: number | null;
  source_last_update_date: string | null;
  week_rule: string | null;
  row_count: number;
  /** The calculation that produced the capture's rows, for row tables whose view adds it (0002). */
  calc_name: string | null;
  calc_version: string | null;
  execution_id: string;
  batch_id: string | null;
  created_at: string;
}

/** One line of an ingested file (migration 0002); lineage lives once per capture in core_captures. */
export interface OtcRawRowsTable {
  capture_id: string;
  line_number: number;
  tier_text: string | null;
  symbol: string | null;
  issue_name: string | null;
  mpid: string | null;
  market_participant_name: string | null;
  share_quantity_text: string | null;
  trade_count_text: string | null;
  last_update_date: string | null;
  week_text: string | null;
  summary_type_code: string | null;
  malformed_detail: string | null;
  /** NULL when the line is its fields in FINRA's download order joined by "|"; the view rebuilds it. */
  raw_line: string | null;
  record_hash: string;
}

/** The otc_raw view: every raw row, its line rebuilt where it was not stored, with its capture's lineage. */
export interface OtcRawTable extends Omit<OtcRawRowsTable, "raw_line"> {
  tier: string;
  week_ending: string;
  raw_line: string;
  source_file: string;
  source_sha256: string;
  source_revision: number;
  source_last_update_date: string | null;
  execution_id: string;
  batch_id: string | null;
  ingested_at: string;
}

/** One validated venue row (migration 0002); the otc_venue_volume view adds its lineage. */
/** One metadata combination of a raw capture, counted by ingest (migration 0004). */
export interface OtcRawMetadataTable {
  capture_id: string;
  position: number;
  tier_text: string | null;
  week_text: string | null;
  last_update_date: string | null;
  summary_type_code: string | null;
  row_count: number;
  clean_row_count: number;
}

export interface OtcVenueVolumeRowsTable {
  capture_id: string;
  symbol: string;
  mpid: string;
  issue_name: string | null;
  market_participant_name: string | null;
  share_volume: number;
  trade_count: number;
  line_number: number;
}

/** The otc_venue_volume view: venue rows with lineage, average trade size and record hash. */
export interface OtcVenueVolumeTable extends OtcVenueVolumeRowsTable, DerivedColumns {
  avg_trade_size: number | null;
  record_hash: string;
}

export interface OtcSymbolSummaryTable extends DerivedColumns {
  symbol: string;
  total_volume: number;
  total_trades: number;
  venue_count: number;
  avg_trade_size: number | null;
  /** The smallest non-NULL issue name among the symbol's venue rows (byte order); NULL before migration 0005. */
  issue_name: string | null;
}

export interface OtcVenueShareTable extends DerivedColumns {
  mpid: string;
  market_participant_name: string | null;
  total_volume: number;
  total_trades: number;
  symbol_count: number;
  market_share: number;
  rank: number;
}

export interface OtcSymbolConcentrationTable extends DerivedColumns {
  symbol: string;
  venue_count: number;
  hhi: number | null;
  top_mpid: string | null;
  top_share: number | null;
}

export interface OtcLiquidityScoreTable extends DerivedColumns {
  symbol: string;
  avg_trade_size: number | null;
  venue_count: number;
  liquidity_score: number | null;
}

export interface OtcSymbolRollingTable extends DerivedColumns {
  window_weeks: number;
  symbol: string;
  weeks_available: number;
  weeks_traded: number;
  avg_volume: number;
  avg_trades: number;
  min_volume: number;
  max_volume: number;
  trend_pct: number | null;
  trend_direction: "UP" | "DOWN" | "FLAT" | "UNKNOWN";
  is_complete: number;
}

export interface OtcResearchSnapshotTable extends DerivedColumns {
  symbol: string;
  issue_name: string | null;
  total_volume: number;
  total_trades: number;
  venue_count: number;
  avg_trade_size: number | null;
  hhi: number | null;
  top_mpid: string | null;
  top_share: number | null;
  liquidity_score: number | null;
  rolling_window_weeks: number | null;
  rolling_weeks_available: number | null;
  rolling_avg_volume: number | null;
  rolling_trend_pct: number | null;
  rolling_trend_direction: string | null;
  rolling_is_complete: number | null;
  expected_publication_date: string;
  source_last_update_date: string | null;
}

/** Kysely database type of the OTC domain's tables and `_latest` views. */
export type OtcTables = {
  otc_captures: OtcCapturesTable;
  otc_captures_latest: OtcCapturesTable;
  otc_raw: OtcRawTable;
  otc_raw_rows: OtcRawRowsTable;
  otc_raw_metadata: OtcRawMetadataTable;
  otc_venue_volume: OtcVenueVolumeTable;
  otc_venue_volume_rows: OtcVenueVolumeRowsTable;
  otc_venue_volume_latest: OtcVenueVolumeTable;
  otc_symbol_summary: OtcSymbolSummaryTable;
  otc_symbol_summary_latest: OtcSymbolSummaryTable;
  otc_venue_share: OtcVenueShareTable;
  otc_venue_share_latest: OtcVenueShareTable;
  otc_symbol_concentration: OtcSymbolConcentrationTable;
  otc_symbol_concentration_latest: OtcSymbolConcentrationTable;
  otc_liquidity_score: OtcLiquidityScoreTable;
  otc_liquidity_score_latest: OtcLiquidityScoreTable;
  otc_symbol_rolling: OtcSymbolRollingTable;
  otc_symbol_rolling_latest: OtcSymbolRollingTable;
  otc_research_snapshot: OtcResearchSnapshotTable;
  otc_research_snapshot_latest: OtcResearchSnapshotTable;
};

export type RawRow = Selectable<OtcRawTable>;
export type SnapshotRow = Selectable<OtcResearchSnapshotTable>;
