import type { Kysely } from "kysely";
import { sql } from "kysely";
import { defineMigration } from "./define-migration.js";

// Frozen in time: this file builds with Kysely<any> and must never change once released.

function createCaptures(db: Kysely<any>) {
  return db.schema
    .createTable("core_captures")
    .addColumn("capture_id", "text", (column) => column.primaryKey())
    .addColumn("domain", "text", (column) => column.notNull())
    .addColumn("partition_key", "text", (column) => column.notNull())
    .addColumn("stage", "text", (column) => column.notNull())
    .addColumn("variant", "text", (column) => column.notNull())
    .addColumn("capture_number", "integer", (column) => column.notNull())
    .addColumn("input_capture_id", "text")
    .addColumn("calc_name", "text")
    .addColumn("calc_version", "text")
    .addColumn("source_file", "text")
    .addColumn("source_sha256", "text")
    .addColumn("source_revision", "integer")
    .addColumn("publication_date", "text")
    .addColumn("details", "text")
    .addColumn("row_count", "bigint", (column) => column.notNull())
    .addColumn("execution_id", "text", (column) => column.notNull())
    .addColumn("batch_id", "text")
    .addColumn("created_at", "text", (column) => column.notNull());
}

/**
 * core_captures (one row per capture of every domain), core_capture_inputs (every input of a
 * capture), core_capture_numbers (the highest number handed out, so a rolled-back capture's id is
 * never reused) and core_captures_latest (the newest capture of each partition, stage and variant).
 */
export const createCoreCaptures = defineMigration({
  name: "0002_create_core_captures",
  statements: (db, backend) => [
    // json_quote and json_extract where the backend lacks them, so domains' views and expression
    // indexes over partition keys are one SQL text on every backend.
    ...backend.jsonFunctions,
    createCaptures(db),
    db.schema
      .createIndex("core_captures_partition_idx")
      .on("core_captures")
      .columns(["domain", "partition_key", "stage", "variant", "capture_number"]),
    db.schema.createIndex("core_captures_input_idx").on("core_captures").column("input_capture_id"),
    db.schema
      .createTable("core_capture_inputs")
      .addColumn("capture_id", "text", (column) => column.notNull())
      .addColumn("position", "integer", (column) => column.notNull())
      .addColumn("input_capture_id", "text", (column) => column.notNull())
      .addPrimaryKeyConstraint("core_capture_inputs_pk", ["capture_id", "position"]),
    db.schema
      .createIndex("core_capture_inputs_input_idx")
      .on("core_capture_inputs")
      .column("input_capture_id"),
    db.schema
      .createTable("core_capture_numbers")
      .addColumn("domain", "text", (column) => column.notNull())
      .addColumn("partition_key", "text", (column) => column.notNull())
      .addColumn("stage", "text", (column) => column.notNull())
      .addColumn("variant", "text", (column) => column.notNull())
      .addColumn("last_number", "integer", (column) => column.notNull())
      .addPrimaryKeyConstraint("core_capture_numbers_pk", ["domain", "partition_key", "stage", "variant"]),
    sql`create view core_captures_latest as
select c.* from core_captures c
where c.capture_number = (
  select max(l.capture_number) from core_captures l
  where l.domain = c.domain and l.partition_key = c.partition_key and l.stage = c.stage and l.variant = c.variant
)`,
  ],
});
