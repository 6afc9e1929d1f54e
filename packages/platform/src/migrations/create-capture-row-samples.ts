import { defineMigration } from "./define-migration.js";

// Frozen in time: it must never change once released.

/**
 * Hash samples of captures' rows (at most a few thousand 32-bit hashes per capture and compared
 * columns), so a new partition is compared with its neighbours by reading their samples, not every
 * row of every neighbour.
 */
export const createCaptureRowSamples = defineMigration({
  name: "0005_capture_row_samples",
  statements: (db) => [
    db.schema
      .createTable("core_capture_row_samples")
      .addColumn("capture_id", "text", (column) => column.notNull())
      .addColumn("columns", "text", (column) => column.notNull())
      .addColumn("level", "integer", (column) => column.notNull())
      .addColumn("row_count", "bigint", (column) => column.notNull())
      .addColumn("hashes", "text", (column) => column.notNull())
      .addPrimaryKeyConstraint("core_capture_row_samples_pk", ["capture_id", "columns"]),
  ],
});
