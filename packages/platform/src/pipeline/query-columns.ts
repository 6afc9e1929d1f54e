import { SpineError } from "../errors/spine-error.js";

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

/** A dictionary entry: the column's type and its meaning. */
export type ColumnMeaning = readonly [QueryColumnType, string];

/**
 * Looks query columns up in a data dictionary (see {@link defineColumnDictionary}): names as a
 * list, or as one space-separated string (`"tier week_ending shares"`).
 */
export type ColumnDictionary = (names: string | readonly string[]) => QueryColumn[];

/**
 * A domain's data dictionary: what each output column of its queries means, declared once and
 * looked up by the queries' `columns`, so `spine describe <query>` and the README say the same.
 * A name `output=key` shows entry `key` under another name; `fallbackKey` maps names with no entry
 * of their own (e.g. a prefix: `rolling_avg_volume` to `avg_volume`). A name without an entry is a
 * bug (INTERNAL), found when the query is declared.
 */
export function defineColumnDictionary(
  entries: Readonly<Record<string, ColumnMeaning>>,
  options: { readonly fallbackKey?: (name: string) => string } = {},
): ColumnDictionary {
  return (names) =>
    (typeof names === "string" ? names.split(/\s+/).filter(Boolean) : names).map((entry) => {
      const [name = entry, key = name] = entry.split("=");
      const found = entries[key] ?? entries[options.fallbackKey?.(name) ?? key];
      if (found === undefined) throw new SpineError("INTERNAL", `No dictionary entry for column ${entry}`);
      return { name, type: found[0], description: found[1] };
    });
}
