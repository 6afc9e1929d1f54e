/**
 * Reads one column of a whole source, row by row, as often as asked: pure code (a FINRA file's
 * placement by its rows' dates) decides from its values without doing I/O itself.
 */
export interface SourceColumnReader {
  /** Hands `visit` the column's value of every well-formed data row. */
  values(visit: (value: string) => void): Promise<void>;
  /** The same, with each row's key: its key columns' trimmed values joined by "|". */
  keyedValues(visit: (key: string, value: string) => void): Promise<void>;
}
