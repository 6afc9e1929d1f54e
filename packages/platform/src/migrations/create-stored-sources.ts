import { defineMigration } from "./define-migration.js";

// Frozen in time: it must never change once released.

/**
 * Each source file once, gzip-compressed, by the sha256 captures record, so a raw capture's rows
 * can leave the raw tables once normalized (core_raw_releases) and be rebuilt from the file.
 * `bytea` is PostgreSQL's binary type; SQLite stores a bound Buffer as a BLOB under any type name.
 */
export const createStoredSources = defineMigration({
  name: "0010_stored_sources",
  statements: (db) => [
    db.schema
      .createTable("core_stored_sources")
      .addColumn("sha256", "text", (column) => column.primaryKey())
      .addColumn("encoding", "text", (column) => column.notNull())
      .addColumn("byte_count", "bigint", (column) => column.notNull())
      .addColumn("stored_byte_count", "bigint", (column) => column.notNull())
      .addColumn("content", "bytea", (column) => column.notNull())
      .addColumn("stored_at", "text", (column) => column.notNull()),
    db.schema
      .createTable("core_raw_releases")
      .addColumn("capture_id", "text", (column) => column.primaryKey())
      .addColumn("rows", "text", (column) => column.notNull())
      .addColumn("released_at", "text", (column) => column.notNull()),
  ],
});
