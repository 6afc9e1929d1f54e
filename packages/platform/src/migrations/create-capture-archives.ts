import { sql } from "kysely";
import { defineMigration } from "./define-migration.js";

// Frozen in time: plain SQL and Kysely<any>; it must never change once released.

// The same definition as 0003's: replaced only so that views which freeze their columns show the
// archive columns too.
const latestView = `select c.* from core_captures c
where not exists (
  select 1 from core_captures l
  where l.domain = c.domain and l.partition_key = c.partition_key and l.stage = c.stage and l.variant = c.variant
    and (coalesce(l.publication_date, '') > coalesce(c.publication_date, '')
      or (coalesce(l.publication_date, '') = coalesce(c.publication_date, '') and l.capture_number > c.capture_number))
)`;

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
    ...(backend.viewsFreezeColumns
      ? [sql.raw(`create or replace view core_captures_latest as\n${latestView}`)]
      : [sql`drop view core_captures_latest`, sql.raw(`create view core_captures_latest as\n${latestView}`)]),
  ],
});
