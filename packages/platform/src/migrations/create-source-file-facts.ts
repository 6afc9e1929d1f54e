import { defineMigration } from "./define-migration.js";

// Frozen in time: it must never change once released.

/**
 * What a domain learnt by reading a whole source file (for FINRA, the week its rows publish),
 * remembered by path and the file's signature (size, mtime, ctime, inode), so listing a folder of
 * five years of files reads only the new or changed ones.
 */
export const createSourceFileFactsTable = defineMigration({
  name: "0009_source_file_facts",
  statements: (db) => [
    db.schema
      .createTable("core_source_file_facts")
      .addColumn("domain", "text", (column) => column.notNull())
      .addColumn("path", "text", (column) => column.notNull())
      .addColumn("facts_version", "text", (column) => column.notNull())
      .addColumn("file_signature", "text", (column) => column.notNull())
      .addColumn("facts", "text", (column) => column.notNull())
      .addColumn("recorded_at", "text", (column) => column.notNull())
      .addPrimaryKeyConstraint("core_source_file_facts_pk", ["domain", "path"]),
  ],
});
