import type { DatabaseDialect, RawBuilder } from "@spine/platform";
import { sql } from "@spine/platform";

/**
 * Text compared byte by byte on every backend. Ranks break ties by mpid and names are picked
 * with min(); a PostgreSQL database with a locale collation would order them differently from
 * SQLite (and from the pure functions, which compare code units), so numbers would differ.
 */
export function byteOrder(expression: RawBuilder<unknown>, dialect: DatabaseDialect): RawBuilder<unknown> {
  return dialect === "postgres" ? sql`${expression} collate "C"` : expression;
}
