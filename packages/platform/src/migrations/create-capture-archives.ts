import { sql } from "kysely";
import { latestView } from "./create-point-in-time.js";
import { defineMigration } from "./define-migration.js";

// Frozen in time: plain SQL and Kysely<any>; it must never change once released.

/**
 * Retention: a capture whose raw rows were moved to an archive file records the file (named by its
 * sha256, relative to the archive directory), the sha256 and when it was archived; all null while
 * its rows are in the database.
 */
export const createCaptureArchives = defineMigration({
  name: "0006_capture_archives",
  statements: (db, backend) => [
    db.schema.alterTable("core_captures").addColumn("archive_file", "text"),
    db.schema.alterTable("core_captures").addColumn("archive_sha256", "text"),
    db.schema.alterTable("core_captures").addColumn("archived_at", "text"),
    // 0003's view again (0003 is frozen, so its text is final), recreated only where views freeze
    // their columns, so that the latest captures show the archive columns too.
    ...(backend.viewsFreezeColumns
      ? [sql.raw(`create or replace view core_captures_latest as\n${latestView}`)]
      : []),
  ],
});
