/**
 * Zero-based field positions of the columns we use; null when the file lacks the column. The
 * columns and their spellings are declared in pipelines/support/finra-header.ts.
 */
export type ColumnMap = {
  fieldCount: number;
  symbol: number;
  mpid: number;
  shareQuantity: number;
  tradeCount: number;
  tier: number | null;
  issueName: number | null;
  marketParticipantName: number | null;
  lastUpdateDate: number | null;
  week: number | null;
  summaryTypeCode: number | null;
};
