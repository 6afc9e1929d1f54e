import { sql } from "kysely";
import { defineMigration } from "./define-migration.js";

// Frozen in time: plain SQL and Kysely<any>; it must never change once released.

// A capture's knowable date is the latest publication date among everything it read. Existing
// captures get it from their inputs, one level of the capture graph per pass: no domain's graph
// is deeper than the passes below.
const knowableFromInputs = sql`update core_captures set knowable_date = coalesce((
  select max(i.knowable_date) from core_capture_inputs x
  join core_captures i on i.capture_id = x.input_capture_id
  where x.capture_id = core_captures.capture_id
    and i.knowable_date > coalesce(core_captures.knowable_date, '')
), knowable_date)`;
const passes = 8;

// The newest capture of a partition, stage and variant is the greatest by (publication date, nulls
// first; capture number): a revision the publisher dated earlier never displaces a later one, even
// when it is loaded after it. Exported for later migrations that recreate the view unchanged.
export const latestView = `select c.* from core_captures c
where not exists (
  select 1 from core_captures l
  where l.domain = c.domain and l.partition_key = c.partition_key and l.stage = c.stage and l.variant = c.variant
    and (coalesce(l.publication_date, '') > coalesce(c.publication_date, '')
      or (coalesce(l.publication_date, '') = coalesce(c.publication_date, '') and l.capture_number > c.capture_number))
)`;

/**
 * Point-in-time correctness: core_captures.knowable_date, core_captures_latest ordered by the
 * publisher's dates, stale manifest entries (stale_reason, stale_since) and executions'
 * correlation_id.
 */
export const createPointInTime = defineMigration({
  name: "0003_point_in_time",
  statements: (db, backend) => [
    db.schema.alterTable("core_captures").addColumn("knowable_date", "text"),
    sql`update core_captures set knowable_date = publication_date`,
    ...Array.from({ length: passes }, () => knowableFromInputs),
    db.schema
      .createIndex("core_captures_published_idx")
      .on("core_captures")
      .columns(["domain", "partition_key", "stage", "variant", "publication_date", "capture_number"]),
    // Where views freeze their columns, other views already depend on this one (the domains'
    // _latest views): it is replaced in place, which also appends knowable_date. Elsewhere views
    // are expanded on every read, and dropping one that others name is allowed.
    ...(backend.viewsFreezeColumns
      ? [sql.raw(`create or replace view core_captures_latest as\n${latestView}`)]
      : [sql`drop view core_captures_latest`, sql.raw(`create view core_captures_latest as\n${latestView}`)]),
    db.schema.alterTable("core_manifest").addColumn("stale_reason", "text"),
    db.schema.alterTable("core_manifest").addColumn("stale_since", "text"),
    db.schema.alterTable("core_executions").addColumn("correlation_id", "text"),
    db.schema.createIndex("core_executions_correlation_idx").on("core_executions").column("correlation_id"),
  ],
});
