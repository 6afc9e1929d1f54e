import { sql } from "kysely";
import type { GroupedColumn, GroupedSumsSpec } from "./sql-capabilities.js";

/** A result column's name, quoted. */
export function columnName(column: GroupedColumn) {
  return sql.id(column.name);
}

/** The key, smallest and sums column names of a grouped sum, in result order. */
export function groupedColumnNames(spec: GroupedSumsSpec) {
  return [spec.key, ...spec.smallest, ...spec.sums].map(columnName);
}
