import { maximumCountDigits } from "@spine/finra";
import type { RawBuilder, SqlCapabilities, SqlScope } from "@spine/platform";
import { sql } from "@spine/platform";
import type { RowMetadata } from "./normalize-rows.js";
import { venueRowColumns } from "./venue-volume-writer.js";

// Normalize's set-based path. A row is "plain" when its metadata combination was accepted by the
// pure rules (see createMetadataJudge), its symbol and MPID are non-empty and both counts are
// whole numbers of 1 to 12 digits (SqlCapabilities.isWholeNumber, maximumCountDigits), so parseCount reads them
// exactly as a SQL integer cast does. A plain row is valid by construction and is copied by one
// INSERT ... SELECT; every other row (a count the backend's whole-number test leaves out
// included), and every row whose key repeats, goes through the row judge in JavaScript. A test
// proves both paths agree.

/** Keys repeated in a file beyond this many send the whole file down the judged path. */
export const maxRepeatedKeysToList = 500;

function sameMetadata(metadata: RowMetadata, capabilities: SqlCapabilities): RawBuilder<unknown> {
  const same = (column: keyof RowMetadata) =>
    capabilities.isNotDistinctFrom(sql.ref(column), metadata[column]);
  return sql`(${same("tier_text")} and ${same("week_text")}
    and ${same("last_update_date")} and ${same("summary_type_code")})`;
}

/**
 * The plain-row predicate (never NULL), or null when no metadata combination was accepted. When
 * every combination the capture holds was accepted (`coversEveryRow`), the metadata test is true
 * for every row and is left out: a fifth of the copy's cost on a million-row week. When, besides,
 * ingest found every row clean (`everyRowClean`: the row-level tests below, done in JavaScript as
 * it read the file), no row needs testing at all.
 */
export function plainRowPredicate(
  capabilities: SqlCapabilities,
  acceptedMetadata: readonly RowMetadata[],
  coversEveryRow = false,
  everyRowClean = false,
): RawBuilder<unknown> | null {
  if (acceptedMetadata.length === 0) return null;
  // Every row clean (by ingest's profile) and every combination accepted: every row is plain.
  if (coversEveryRow && everyRowClean) return sql`(1 = 1)`;
  const metadata = coversEveryRow
    ? sql``
    : sql`and (${sql.join(
        acceptedMetadata.map((entry) => sameMetadata(entry, capabilities)),
        sql` or `,
      )})`;
  return sql`coalesce(malformed_detail is null and symbol <> '' and mpid <> ''
    and ${capabilities.isWholeNumber(sql.ref("share_quantity_text"), maximumCountDigits)}
    and ${capabilities.isWholeNumber(sql.ref("trade_count_text"), maximumCountDigits)}
    ${metadata}, ${capabilities.false})`;
}

function keyList(keys: ReadonlyArray<readonly [string, string]>): RawBuilder<unknown> {
  return sql.join(keys.map(([symbol, mpid]) => sql`(${symbol}, ${mpid})`));
}

/**
 * The rows the judge must see: every row that is not plain, plus every row of a repeated key
 * (which occurrence is kept depends on the other rows). Undefined means every row.
 */
export function judgedRowsFilter(
  plain: RawBuilder<unknown> | null,
  repeatedKeys: ReadonlyArray<readonly [string, string]>,
): RawBuilder<unknown> | undefined {
  if (plain === null || repeatedKeys.length > maxRepeatedKeysToList) return undefined;
  if (repeatedKeys.length === 0) return sql`not ${plain}`;
  return sql`(not ${plain} or (symbol, mpid) in (${keyList(repeatedKeys)}))`;
}

/**
 * Copies the plain rows of a raw capture into otc_venue_volume_rows and returns how many. A key
 * that repeats keeps one copied row here (its first line); the caller re-judges repeated keys
 * afterwards. Rows go in key order, which appends to the b-tree: 20% faster on SQLite than in
 * line order.
 */
export async function insertPlainRows(
  scope: SqlScope,
  plain: RawBuilder<unknown>,
  target: { readonly captureId: string; readonly inputCaptureId: string },
): Promise<number> {
  const count = (column: string) => sql`cast(${sql.ref(column)} as bigint)`;
  const result = await scope.sql
    .insertIgnoringDuplicates({
      into: "otc_venue_volume_rows",
      columns: venueRowColumns,
      key: ["symbol", "mpid"],
      select: sql`${target.captureId}, symbol, mpid, issue_name, market_participant_name,
  ${count("share_quantity_text")}, ${count("trade_count_text")}, line_number`,
      from: sql`otc_raw_rows where capture_id = ${target.inputCaptureId} and ${plain}`,
      keepFirstBy: sql`line_number`,
    })
    .execute(scope.db);
  return Number(result.numAffectedRows ?? 0);
}

/** Removes the copied rows of repeated keys (all copied rows when there are too many to list). */
export async function removeCopiedRowsOfKeys(
  scope: SqlScope,
  captureId: string,
  repeatedKeys: ReadonlyArray<readonly [string, string]>,
): Promise<number> {
  if (repeatedKeys.length === 0) return 0;
  const ofKeys =
    repeatedKeys.length > maxRepeatedKeysToList
      ? sql`1 = 1`
      : sql`(symbol, mpid) in (${keyList(repeatedKeys)})`;
  const result =
    await sql`delete from otc_venue_volume_rows where capture_id = ${captureId} and ${ofKeys}`.execute(
      scope.db,
    );
  return Number(result.numAffectedRows ?? 0);
}

/** How many rows of a raw capture carry one metadata combination. */
export interface MetadataGroup extends RowMetadata {
  readonly rows: number;
  /** How many of them ingest found clean (see raw-metadata-profile.ts); unknown for older captures. */
  readonly cleanRows?: number;
}

function metadataOf(row: RowMetadata): RowMetadata {
  return {
    tier_text: row.tier_text,
    week_text: row.week_text,
    last_update_date: row.last_update_date,
    summary_type_code: row.summary_type_code,
  };
}

/**
 * Every metadata combination of a capture (a file has a handful) and how many rows carry it. Only
 * the rows whose combination differs from the first row's are grouped: a GROUP BY sorts its rows,
 * which on a million-row week costs several times a scan. The first row's combination holds the
 * rest of the capture's rows, as counted by ingest; normalize's critical check then holds every
 * accepted and rejected row against that count.
 */
export async function metadataGroupsOf(
  scope: SqlScope,
  input: { readonly captureId: string; readonly rowCount: number },
): Promise<MetadataGroup[]> {
  const profiled = await profiledGroupsOf(scope, input);
  if (profiled !== null) return profiled;
  const first = await sql<RowMetadata>`select tier_text, week_text, last_update_date, summary_type_code
    from otc_raw_rows where capture_id = ${input.captureId} order by line_number limit 1`.execute(scope.db);
  const firstMetadata = first.rows[0];
  if (firstMetadata === undefined) return [];
  const same = sameMetadata(firstMetadata, scope.sql);
  const rest = await sql<
    RowMetadata & { rows: number | string }
  >`select tier_text, week_text, last_update_date,
    summary_type_code, count(*) as rows
    from otc_raw_rows where capture_id = ${input.captureId} and not ${same}
    group by tier_text, week_text, last_update_date, summary_type_code`.execute(scope.db);
  const others = rest.rows.map((row) => ({ ...metadataOf(row), rows: Number(row.rows) }));
  const otherRows = others.reduce((sum, group) => sum + group.rows, 0);
  return [{ ...metadataOf(firstMetadata), rows: input.rowCount - otherRows }, ...others];
}

// The groups ingest recorded in otc_raw_metadata (no scan), or null for a capture ingested before
// migration 0004, or one whose profile does not add up to its row count.
async function profiledGroupsOf(
  scope: SqlScope,
  input: { readonly captureId: string; readonly rowCount: number },
): Promise<MetadataGroup[] | null> {
  const result = await sql<
    RowMetadata & { row_count: number | string; clean_row_count: number | string }
  >`select tier_text, week_text, last_update_date, summary_type_code, row_count, clean_row_count
    from otc_raw_metadata where capture_id = ${input.captureId} order by position`.execute(scope.db);
  const groups = result.rows.map((row) => ({
    ...metadataOf(row),
    rows: Number(row.row_count),
    cleanRows: Number(row.clean_row_count),
  }));
  const profiledRows = groups.reduce((sum, group) => sum + group.rows, 0);
  return groups.length > 0 && profiledRows === input.rowCount ? groups : null;
}

/** Rows and volume totals of a normalize capture, as stored. */
export async function venueTotalsOf(scope: SqlScope, captureId: string) {
  const result = await sql<{
    rows: number | string;
    shares: number | string | null;
    trades: number | string | null;
  }>`select count(*) as rows, sum(share_volume) as shares, sum(trade_count) as trades
    from otc_venue_volume_rows where capture_id = ${captureId}`.execute(scope.db);
  const row = result.rows[0];
  return {
    rows: Number(row?.rows ?? 0),
    shareVolume: Number(row?.shares ?? 0),
    tradeCount: Number(row?.trades ?? 0),
  };
}
