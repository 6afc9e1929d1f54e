import { sql } from "kysely";
import type { SqlScope } from "../database/spine-database.js";
import type { CapturesDefinition } from "./define-captures.js";

const chunk = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += chunk) parts.push(items.slice(start, start + chunk));
  return parts;
}

// An input no longer selected: removed (rolled back), or displaced by a newer capture of its
// partition, stage and variant (knowable by `asOf` when given).
async function readSupersededInputs(
  scope: SqlScope,
  ids: readonly string[],
  asOf: string | undefined,
): Promise<Array<{ capture_id: string; input_capture_id: string; removed: boolean }>> {
  const knowable = asOf === undefined ? sql`1 = 1` : sql`coalesce(l.knowable_date, '') <= ${asOf}`;
  const rows = await scope.db
    .selectFrom("core_capture_inputs as x")
    .leftJoin("core_captures as i", "i.capture_id", "x.input_capture_id")
    .select([
      "x.capture_id",
      "x.input_capture_id",
      sql<number>`case when i.capture_id is null then 1 else 0 end`.as("removed"),
    ])
    .where("x.capture_id", "in", ids)
    .where(
      sql<boolean>`(i.capture_id is null or exists (
  select 1 from core_captures l
  where l.domain = i.domain and l.partition_key = i.partition_key and l.stage = i.stage and l.variant = i.variant
    and ${knowable}
    and (coalesce(l.publication_date, '') > coalesce(i.publication_date, '')
      or (coalesce(l.publication_date, '') = coalesce(i.publication_date, '') and l.capture_number > i.capture_number))))`,
    )
    .execute();
  return rows.map((row) => ({ ...row, removed: Number(row.removed) === 1 }));
}

// The manifest says the capture's stage must run again (an input changed, a window's week
// changed, a rollback): true of the latest capture only.
async function readStaleManifest(
  scope: SqlScope,
  domain: string,
  ids: readonly string[],
): Promise<Array<{ capture_id: string; stale_reason: string | null }>> {
  return (
    scope.db
      .selectFrom("core_captures_latest as c")
      // A variant's manifest entry is `<stage>@<variant>` (see manifestStageName); the default's is
      // the stage. One equality, so the entry is found by its key, and only in its own partition.
      .innerJoin("core_manifest as m", (join) =>
        join
          .onRef("m.domain", "=", "c.domain")
          .onRef("m.partition_key", "=", "c.partition_key")
          .on(
            "m.stage",
            "=",
            sql<string>`case when c.variant = 'default' then c.stage else c.stage || '@' || c.variant end`,
          ),
      )
      .select(["c.capture_id", "m.stale_reason"])
      .where("c.domain", "=", domain)
      .where("c.capture_id", "in", ids)
      .where("m.stale_reason", "is not", null)
      .execute()
  );
}

/**
 * Which of the given captures are stale, with the reason: a capture read an input that has since
 * been rolled back or superseded (a republication, a forced recompute), or, for the latest
 * captures, the manifest marked its stage stale (a change upstream, in its partition or in a
 * window it reads). With `asOf`, staleness is judged with what was knowable on that date and the
 * manifest (today's state) is not consulted.
 */
export async function findStaleCaptures(
  scope: SqlScope,
  captures: Pick<CapturesDefinition, "domain">,
  captureIds: Iterable<string>,
  options: { readonly asOf?: string | undefined } = {},
): Promise<Map<string, string>> {
  const stale = new Map<string, string>();
  const ids = [...new Set(captureIds)];
  for (const part of chunks(ids)) {
    for (const row of await readSupersededInputs(scope, part, options.asOf)) {
      if (stale.has(row.capture_id)) continue;
      const what = row.removed ? "was rolled back" : "was superseded";
      stale.set(row.capture_id, `its input ${row.input_capture_id} ${what}`);
    }
    if (options.asOf !== undefined) continue;
    for (const row of await readStaleManifest(scope, captures.domain, part))
      if (!stale.has(row.capture_id)) stale.set(row.capture_id, row.stale_reason ?? "stale");
  }
  return stale;
}

/** Options of {@link withStaleFlags}. */
export interface StaleFlagOptions<Row> {
  readonly asOf?: string | undefined;
  /** The captures a row was read from; its `capture_id` when omitted. Nulls (no row joined) are skipped. */
  readonly captureIdsOf?: (row: Row) => ReadonlyArray<string | null | undefined>;
}

function defaultCaptureIds(row: object): ReadonlyArray<string | null | undefined> {
  return [(row as { capture_id?: string | null }).capture_id];
}

/**
 * Adds `stale` (true or false) to each row: true when any capture it was read from is stale (see
 * {@link findStaleCaptures}). Every query row of a captured table can say whether it is stale.
 */
export async function withStaleFlags<Row extends object>(
  scope: SqlScope,
  captures: Pick<CapturesDefinition, "domain">,
  rows: readonly Row[],
  options: StaleFlagOptions<Row> = {},
): Promise<Array<Row & { stale: boolean }>> {
  const idsOf = options.captureIdsOf ?? defaultCaptureIds;
  const idsByRow = rows.map((row) => idsOf(row).filter((id): id is string => typeof id === "string"));
  const stale = await findStaleCaptures(scope, captures, idsByRow.flat(), { asOf: options.asOf });
  return rows.map((row, index) => ({
    ...row,
    stale: (idsByRow[index] ?? []).some((id) => stale.has(id)),
  }));
}

/**
 * Each row with `stale` (see {@link withStaleFlags}), judged from the capture id columns named in
 * `captureColumns`, which are left out of the result: what a query returns to its users.
 */
export async function staleFlaggedRows<Row extends object, Key extends keyof Row & string>(
  scope: SqlScope,
  captures: Pick<CapturesDefinition, "domain">,
  rows: readonly Row[],
  options: { readonly asOf?: string | undefined; readonly captureColumns: readonly Key[] },
): Promise<Array<Omit<Row, Key> & { stale: boolean }>> {
  const flagged = await withStaleFlags(scope, captures, rows, {
    asOf: options.asOf,
    captureIdsOf: (row) => options.captureColumns.map((column) => row[column] as string | null),
  });
  return flagged.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const column of options.captureColumns) delete copy[column];
    return copy as Omit<Row, Key> & { stale: boolean };
  });
}
