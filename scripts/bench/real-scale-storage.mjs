// Database bytes by table and index for the real-scale scenario. SQLite: the dbstat virtual table
// (page bytes per table or index b-tree), else page counts of the whole file; PostgreSQL: each
// table's own heap (with TOAST) and its indexes, from pg_relation_size and pg_indexes_size.

async function sqliteStorage(db, sql) {
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  const objects =
    await sql`select name, tbl_name, type from sqlite_master where type in ('table', 'index')`.execute(db);
  const tableOf = new Map(objects.rows.map((row) => [row.name, { table: row.tbl_name, type: row.type }]));
  try {
    const pages = await sql`select name, sum(pgsize) as bytes from dbstat group by name`.execute(db);
    const tables = new Map();
    for (const row of pages.rows) {
      const owner = tableOf.get(row.name) ?? { table: row.name, type: "table" };
      const entry = tables.get(owner.table) ?? { name: owner.table, tableBytes: 0, indexBytes: 0 };
      // A WITHOUT ROWID table is its primary key's b-tree: its pages are the table's own.
      if (owner.type === "index" && !row.name.startsWith("sqlite_autoindex"))
        entry.indexBytes += Number(row.bytes);
      else entry.tableBytes += Number(row.bytes);
      tables.set(owner.table, entry);
    }
    return { method: "dbstat", tables: [...tables.values()] };
  } catch (error) {
    const pageSize = (await sql`pragma page_size`.execute(db)).rows[0].page_size;
    const pageCount = (await sql`pragma page_count`.execute(db)).rows[0].page_count;
    const reason = error instanceof Error ? error.message : String(error);
    return {
      method: `page_count (dbstat unavailable: ${reason})`,
      tables: [{ name: "(whole file)", tableBytes: pageSize * pageCount, indexBytes: 0 }],
    };
  }
}

async function postgresStorage(db, sql) {
  const result = await sql`
    select c.relname as name,
      pg_total_relation_size(c.oid) - pg_indexes_size(c.oid) as table_bytes,
      pg_indexes_size(c.oid) as index_bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname = current_schema()`.execute(db);
  const tables = result.rows.map((row) => ({
    name: row.name,
    tableBytes: Number(row.table_bytes),
    indexBytes: Number(row.index_bytes),
  }));
  return { method: "pg_total_relation_size - pg_indexes_size, pg_indexes_size", tables };
}

/** Bytes per table (its rows) and its indexes, largest first, with the total. */
export async function measureStorage(spine, platform, backend) {
  const db = spine.database.db;
  const measured =
    backend === "sqlite" ? await sqliteStorage(db, platform.sql) : await postgresStorage(db, platform.sql);
  const tables = measured.tables
    .filter((table) => table.tableBytes + table.indexBytes > 0)
    .sort((left, right) => right.tableBytes + right.indexBytes - (left.tableBytes + left.indexBytes));
  const totalBytes = tables.reduce((sum, table) => sum + table.tableBytes + table.indexBytes, 0);
  return { method: measured.method, totalBytes, tables };
}
