import { sql } from "kysely";
import type { SpineDatabase } from "./spine-database.js";

/** A table (or view) and its row count, for `spine db status`. */
export interface TableSummary {
  readonly name: string;
  readonly kind: "table" | "view";
  readonly rowCount: number;
}

/** Lists every table and view with its row count. */
export async function summarizeTables(database: SpineDatabase): Promise<TableSummary[]> {
  const tables = await database.db.introspection.getTables();
  const summaries: TableSummary[] = [];
  for (const table of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    const result = await sql<{
      count: number | string;
    }>`select count(*) as count from ${sql.table(table.name)}`.execute(database.db);
    summaries.push({
      name: table.name,
      kind: table.isView ? "view" : "table",
      rowCount: Number(result.rows[0]?.count ?? 0),
    });
  }
  return summaries;
}

/**
 * The full schema as SQL, in a stable order, for the committed dump under migrations/ that CI
 * regenerates and diffs so that every schema change is visible in review.
 */
export function dumpSchema(database: SpineDatabase): Promise<string> {
  return database.sql.dumpSchema(database);
}
