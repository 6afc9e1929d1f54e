import { sql } from "kysely";
import type { SchemaSource } from "../sql/sql-capabilities.js";

/** The schema of a SQLite database as its own CREATE statements: tables, indexes, then views. */
export async function dumpSqliteSchema(database: SchemaSource): Promise<string> {
  const result = await sql<{ type: string; name: string; sql: string }>`
    select type, name, sql from sqlite_master
    where sql is not null and name not like 'sqlite_%'
    order by case type when 'table' then 0 when 'index' then 1 when 'view' then 2 else 3 end, name`.execute(
    database.db,
  );
  return `${result.rows.map((row) => `${row.sql.trim()};`).join("\n\n")}\n`;
}
