/** The output shape pipelines use to ask for a table: `{ table: rows, title? }`. */
export interface TableOutput {
  readonly table: readonly Readonly<Record<string, unknown>>[];
  readonly title?: string;
}

function isRow(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when a pipeline's output should be printed as a table. */
export function isTableOutput(value: unknown): value is TableOutput {
  if (!isRow(value) || !Array.isArray(value.table)) return false;
  const titleIsValid = value.title === undefined || typeof value.title === "string";
  return titleIsValid && value.table.every(isRow);
}
