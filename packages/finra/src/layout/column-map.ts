/**
 * Zero-based field positions of the columns we use; null when the file lacks the column. A
 * domain's header spec resolves them from FINRA_COLUMN_SPELLINGS.
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
