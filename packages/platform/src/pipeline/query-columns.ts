/**
 * How a query column's value is returned on every backend: PostgreSQL returns bigint and numeric
 * as strings and both backends return flags as 0/1, so the declaration, not the driver, decides.
 */
export type QueryColumnType = "number" | "text" | "flag";

/** One output column of a query and what it means (the data dictionary `spine describe` prints). */
export interface QueryColumn {
  readonly name: string;
  readonly description: string;
  /** When given, the value is converted to it (NULL stays NULL); otherwise returned as read. */
  readonly type?: QueryColumnType;
}

function convert(value: unknown, type: QueryColumnType | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (type === "number") return Number(value);
  if (type === "flag") return typeof value === "boolean" ? value : Number(value) === 1;
  if (type === "text") return String(value);
  return value;
}

/**
 * Rows as the declared columns say: declared columns first, in order, converted to their type;
 * columns a row has beyond the declaration follow unchanged.
 */
export function shapeRows(
  columns: readonly QueryColumn[],
  rows: readonly Record<string, unknown>[],
): Record<string, unknown>[] {
  return rows.map((row) => {
    const shaped: Record<string, unknown> = {};
    for (const column of columns) shaped[column.name] = convert(row[column.name], column.type);
    for (const [name, value] of Object.entries(row)) if (!(name in shaped)) shaped[name] = value;
    return shaped;
  });
}
