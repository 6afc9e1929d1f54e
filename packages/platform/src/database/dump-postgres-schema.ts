import { sql } from "kysely";
import type { SchemaSource } from "../sql/sql-capabilities.js";

interface ColumnRow {
  readonly table_name: string;
  readonly column_name: string;
  readonly column_type: string;
  readonly not_null: boolean;
  readonly default_value: string | null;
}

interface DefinitionRow {
  readonly table_name: string;
  readonly name: string;
  readonly definition: string;
}

const columnsQuery = sql<ColumnRow>`
  select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as column_type,
         a.attnotnull as not_null, pg_get_expr(d.adbin, d.adrelid) as default_value
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
  order by c.relname, a.attnum`;

const constraintsQuery = sql<DefinitionRow>`
  select c.relname as table_name, k.conname as name, pg_get_constraintdef(k.oid, true) as definition
  from pg_constraint k join pg_class c on c.oid = k.conrelid
  where c.relnamespace = current_schema()::regnamespace
  order by c.relname, case k.contype when 'p' then 0 when 'u' then 1 when 'f' then 2 else 3 end, k.conname`;

// Indexes that back a constraint are already in their table's definition.
const indexesQuery = sql<DefinitionRow>`
  select tablename as table_name, indexname as name, indexdef as definition from pg_indexes
  where schemaname = current_schema()
    and indexname not in (select conname from pg_constraint where connamespace = current_schema()::regnamespace)
  order by indexname`;

const viewsQuery = sql<DefinitionRow>`
  select viewname as table_name, viewname as name, definition from pg_views
  where schemaname = current_schema() order by viewname`;

function renderTable(
  name: string,
  columns: readonly ColumnRow[],
  constraints: readonly DefinitionRow[],
): string {
  const lines = columns.map((column) => {
    const notNull = column.not_null ? " NOT NULL" : "";
    const defaultValue = column.default_value === null ? "" : ` DEFAULT ${column.default_value}`;
    return `  "${column.column_name}" ${column.column_type}${notNull}${defaultValue}`;
  });
  for (const constraint of constraints)
    lines.push(`  CONSTRAINT "${constraint.name}" ${constraint.definition}`);
  return `CREATE TABLE "${name}" (\n${lines.join(",\n")}\n);`;
}

/**
 * The live schema of a PostgreSQL database from pg_catalog, in a stable order (tables by name
 * with columns in position order, then indexes, then views), for comparing databases.
 */
export async function dumpPostgresSchema(database: SchemaSource): Promise<string> {
  const [columns, constraints, indexes, views] = await Promise.all(
    [columnsQuery, constraintsQuery, indexesQuery, viewsQuery].map(
      async (query) => (await (query as typeof columnsQuery).execute(database.db)).rows as unknown[],
    ),
  );
  const tableNames = [...new Set((columns as ColumnRow[]).map((column) => column.table_name))];
  const statements = tableNames.map((name) =>
    renderTable(
      name,
      (columns as ColumnRow[]).filter((column) => column.table_name === name),
      (constraints as DefinitionRow[]).filter((constraint) => constraint.table_name === name),
    ),
  );
  for (const index of indexes as DefinitionRow[]) statements.push(`${index.definition};`);
  for (const view of views as DefinitionRow[])
    statements.push(`CREATE VIEW "${view.name}" AS\n${view.definition.trim()}`);
  return `${statements.join("\n\n")}\n`;
}
