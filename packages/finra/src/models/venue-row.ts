/** One source line as found, before any validation; text fields keep the source spelling. */
export type RawVenueRow = {
  lineNumber: number;
  tierText: string | null;
  symbol: string;
  issueName: string | null;
  mpid: string;
  marketParticipantName: string | null;
  shareQuantityText: string;
  tradeCountText: string;
  lastUpdateDate: string | null;
  /** Value of the weekStartDate (Monday) or WeekEnding (Friday) column, whichever the file has. */
  weekText: string | null;
  summaryTypeCode: string | null;
  rawLine: string;
};

/** A validated (symbol, venue) row for one tier-week partition. */
export type VenueVolume = {
  symbol: string;
  issueName: string | null;
  mpid: string;
  marketParticipantName: string | null;
  shareVolume: number;
  tradeCount: number;
  /** shareVolume / tradeCount; null when there were no trades, as an average of nothing is undefined. */
  avgTradeSize: number | null;
};

/** The fields every share, rank and concentration calculation reads from a validated row. */
export type VolumeRow = Pick<VenueVolume, "symbol" | "mpid" | "shareVolume" | "tradeCount">;
