import type { AliasedSelectQueryBuilder, Expression, Kysely, SqlBool } from "kysely";
import { sql } from "kysely";
import { z } from "zod";
import { canonicalJson } from "../database/canonical-json.js";
import type { CaptureRow, CoreTables } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import type { PartitionKey } from "../pipeline/partition.js";
import type { CapturesDefinition } from "./define-captures.js";

// The ordering of core_captures_latest (platform migration 0003), restricted to what was knowable
// on `asOf`: no capture with a later knowable date may win, so nothing is read from the future.
function noNewerKnowable(alias: string, asOf: string): Expression<SqlBool> {
  const c = sql.raw(alias);
  return sql<SqlBool>`not exists (
  select 1 from core_captures l
  where l.domain = ${c}.domain and l.partition_key = ${c}.partition_key and l.stage = ${c}.stage
    and l.variant = ${c}.variant and coalesce(l.knowable_date, '') <= ${asOf}
    and (coalesce(l.publication_date, '') > coalesce(${c}.publication_date, '')
      or (coalesce(l.publication_date, '') = coalesce(${c}.publication_date, '')
        and l.capture_number > ${c}.capture_number)))`;
}

/** Which of a domain's captures a read selects: as of a date (or the latest), optionally narrowed. */
export interface CaptureSelection {
  /** Knowable on this date (YYYY-MM-DD); the latest captures when undefined. */
  readonly asOf?: string | undefined;
  readonly stage?: string;
  readonly variant?: string;
  /** One partition (its exact key), or any. */
  readonly partition?: PartitionKey;
}

/**
 * The captures of a domain a read selects, aliased `c`, columns left to the caller: without
 * `asOf` those of `core_captures_latest`; with it, per partition, stage and variant the latest
 * capture (same ordering: publication date, then number) among those whose knowable date is on or
 * before `asOf`. Narrowed by stage, variant and partition when given.
 */
export function selectedCaptures(db: Kysely<CoreTables>, domain: string, selection: CaptureSelection = {}) {
  const { asOf } = selection;
  let query = db
    .selectFrom(asOf === undefined ? "core_captures_latest as c" : "core_captures as c")
    .where("c.domain", "=", domain);
  if (asOf !== undefined)
    query = query
      .where(sql<string>`coalesce(c.knowable_date, '')`, "<=", asOf)
      .where(noNewerKnowable("c", asOf));
  if (selection.stage !== undefined) query = query.where("c.stage", "=", selection.stage);
  if (selection.variant !== undefined) query = query.where("c.variant", "=", selection.variant);
  if (selection.partition !== undefined)
    query = query.where("c.partition_key", "=", canonicalJson(selection.partition));
  return query;
}

/**
 * The ids of a domain's captures selected as of a date (see {@link selectedCaptures}). A
 * subquery, for `where capture_id in (...)`.
 */
export function captureIdsAsOf(db: Kysely<CoreTables>, domain: string, asOf: string) {
  return selectedCaptures(db, domain, { asOf }).select("c.capture_id");
}

/**
 * The capture of a partition's stage (and variant) selected as of `asOf` (see
 * {@link captureIdsAsOf}); without `asOf`, the latest one. Null when there is none.
 */
export async function findCaptureAsOf(
  scope: SqlScope,
  captures: Pick<CapturesDefinition, "domain">,
  target: {
    readonly partition: PartitionKey;
    readonly stage: string;
    readonly variant?: string;
    readonly asOf?: string | undefined;
  },
): Promise<CaptureRow | null> {
  const query = selectedCaptures(scope.db, captures.domain, {
    asOf: target.asOf,
    stage: target.stage,
    variant: target.variant ?? "default",
    partition: target.partition,
  }).selectAll("c");
  return (await query.executeTakeFirst()) ?? null;
}

/**
 * A captured table's rows as a query can read them, aliased for `selectFrom`: through its
 * `<table>_latest` view without `asOf` (the latest knowledge), else from the table itself
 * restricted to the captures selected as of that date (kept captures, never recomputed); with
 * `only`, just the selected captures of one stage, variant or partition (a calculation version's).
 * `Row` is the table's row type.
 */
export function capturedRows<Row, Alias extends string>(
  db: Kysely<CoreTables>,
  captures: Pick<CapturesDefinition, "domain">,
  source: {
    readonly table: string;
    readonly alias: Alias;
    readonly asOf?: string | undefined;
    /** Only the rows of the selected captures of this stage, variant or partition. */
    readonly only?: Omit<CaptureSelection, "asOf">;
  },
): AliasedSelectQueryBuilder<Row, Alias> {
  // Table names are a domain's declared identifiers; the row type is the caller's declaration.
  const untyped = db as unknown as Kysely<Record<string, { capture_id: string }>>;
  const { table, alias, asOf } = source;
  let rows =
    asOf === undefined
      ? untyped.selectFrom(`${table}_latest`).selectAll()
      : untyped
          .selectFrom(table)
          .selectAll()
          .where("capture_id", "in", captureIdsAsOf(db, captures.domain, asOf));
  if (source.only !== undefined) {
    const selected = selectedCaptures(db, captures.domain, { ...source.only, asOf });
    rows = rows.where("capture_id", "in", selected.select("c.capture_id"));
  }
  return rows.as(alias) as unknown as AliasedSelectQueryBuilder<Row, Alias>;
}

/**
 * The `as_of` parameter every query of captured data takes: a calendar date (YYYY-MM-DD); the
 * answer is what was knowable on that date. Absent means the latest knowledge.
 */
export const asOfParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .refine(
    (text) =>
      !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
      new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
    "not a calendar date",
  )
  .optional()
  .describe(
    "answer with what was knowable on this date (YYYY-MM-DD): per partition the latest capture whose inputs were all published by then; latest knowledge when absent",
  );
