/** The formats `spine export` writes. */
export const exportFormats = ["csv", "jsonl", "parquet"] as const;

/** One of {@link exportFormats}. */
export type ExportFormat = (typeof exportFormats)[number];

/** A row as queries and tables return it: column name to value. */
export type ExportRow = Readonly<Record<string, unknown>>;

/** The columns of an export, with the type a table declares when it is known. */
export interface ExportColumn {
  readonly name: string;
  /** The database's declared type (e.g. `bigint`, `text`); null for a query's computed column. */
  readonly declaredType: string | null;
}

/** Writes batches of rows to one file; `finish` completes it, nothing is valid before that. */
export interface RowFileWriter {
  write(rows: readonly ExportRow[]): Promise<void>;
  finish(): Promise<void>;
}
