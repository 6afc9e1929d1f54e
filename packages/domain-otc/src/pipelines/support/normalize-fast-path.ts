import type { DatabaseDialect, RawBuilder, SqlScope } from "@spine/platform";
import { sql } from "@spine/platform";
import type { RowMetadata } from "./normalize-rows.js";

/**
 * Normalize's set-based path. A row is "plain" when its metadata combination was accepted by the
 * pure rules (see createMetadataJudge), its symbol and MPID are non-empty, both counts are 1 to 15
 * digits (so parseCount reads them exactly as a SQL integer cast does) and its key occurs once.
 * Plain rows are valid by construction and are copied by one INSERT ... SELECT; every other row
 * goes through the row judge in JavaScript, exactly as before. A test proves both paths agree.
 */
export interface FastPath {
  /** True for plain rows; never NULL, so every row is on exactly one path. */
  readonly plain: RawBuilder<unknown>;
}

/** Keys repeated in a file beyond this many send the whole file down the judged path. */
export const maxRepeatedKeysForFastPath = 500;

function digitsOnly(column: string, dialect: DatabaseDialect): RawBuilder<unknown> {
  const ref = sql.ref(column);
  // Up to 15 digits is always a safe integer, so the cast and parseCount agree.
  return dialect === "postgres"
    ? sql`${ref} ~ '^[0-9]{1,15}$'`
    : sql`(${ref} <> '' and ${ref} not glob '*[^0-9]*' and length(${ref}) <= 15)`;
}

function sameMetadata(metadata: RowMetadata, dialect: DatabaseDialect): RawBuilder<unknown> {
  const isSame = dialect === "postgres" ? sql.raw("is not distinct from") : sql.raw("is");
  return sql`(tier_text ${isSame} ${metadata.tier_text} and week_text ${isSame} ${metadata.week_text}
    and last_update_date ${isSame} ${metadata.last_update_date} and summary_type_code ${isSame} ${metadata.summary_type_code})`;
}

/**
 * The row-level half of the plain predicate (everything but the metadata), or null when too many
 * keys repeat to list them. Never NULL for a row.
 */
export function plainRowLevel(
  dialect: DatabaseDialect,
  repeatedKeys: ReadonlyArray<readonly [string, string]>,
): RawBuilder<unknown> | null {
  if (repeatedKeys.length > maxRepeatedKeysForFastPath) return null;
  const unrepeated =
    repeatedKeys.length === 0
      ? sql`1 = 1`
      : sql`(symbol, mpid) not in (${sql.join(repeatedKeys.map(([symbol, mpid]) => sql`(${symbol}, ${mpid})`))})`;
  return sql`coalesce(malformed_detail is null and symbol <> '' and mpid <> ''
    and ${digitsOnly("share_quantity_text", dialect)} and ${digitsOnly("trade_count_text", dialect)}
    and ${unrepeated}, ${falseLiteral(dialect)})`;
}

function falseLiteral(dialect: DatabaseDialect): RawBuilder<unknown> {
  return dialect === "postgres" ? sql`false` : sql`0`;
}

/** The plain-row predicate: row level and one of the accepted metadata combinations; null if none is. */
export function createFastPath(
  dialect: DatabaseDialect,
  rowLevel: RawBuilder<unknown> | null,
  acceptedMetadata: readonly RowMetadata[],
): FastPath | null {
  if (rowLevel === null || acceptedMetadata.length === 0) return null;
  const metadata = sql.join(
    acceptedMetadata.map((entry) => sameMetadata(entry, dialect)),
    sql` or `,
  );
  return { plain: sql`(${rowLevel} and coalesce(${metadata}, ${falseLiteral(dialect)}))` };
}

/** Where plain rows go: the new normalize capture, from one raw capture. */
export interface FastPathTarget {
  readonly captureId: string;
  readonly inputCaptureId: string;
}

/** Copies the plain rows of the raw capture into otc_venue_volume_rows; returns how many. */
export async function insertPlainRows(scope: SqlScope, fastPath: FastPath, target: FastPathTarget) {
  const count = (column: string) => sql`cast(${sql.ref(column)} as bigint)`;
  const result = await sql`insert into otc_venue_volume_rows (capture_id, symbol, mpid, issue_name,
    market_participant_name, share_volume, trade_count, line_number)
select ${target.captureId}, symbol, mpid, issue_name, market_participant_name,
  ${count("share_quantity_text")}, ${count("trade_count_text")}, line_number
from otc_raw_rows where capture_id = ${target.inputCaptureId} and ${fastPath.plain}`.execute(scope.db);
  return Number(result.numAffectedRows ?? 0);
}

/** Row counts of a raw capture by metadata combination, with the totals of its plain-at-row-level rows. */
export interface MetadataGroup extends RowMetadata {
  readonly rows: number;
  readonly plainRows: number;
  readonly plainShareVolume: number;
  readonly plainTradeCount: number;
}

type GroupRow = RowMetadata & {
  rows: number | string;
  plain_rows: number | string | null;
  plain_shares: number | string | null;
  plain_trades: number | string | null;
};

function toGroup(row: GroupRow, metadata: RowMetadata): MetadataGroup {
  return {
    ...metadata,
    rows: Number(row.rows),
    plainRows: Number(row.plain_rows ?? 0),
    plainShareVolume: Number(row.plain_shares ?? 0),
    plainTradeCount: Number(row.plain_trades ?? 0),
  };
}

/**
 * Every metadata combination of a capture (a file has a handful), with how many rows carry it and,
 * of those passing the row-level checks, how many and their totals, read from the raw text. The
 * first row's combination is counted by a plain scan and only the other rows are grouped: a
 * GROUP BY sorts its rows, which on a million-row week cost three times the scan.
 */
export async function metadataGroupsOf(
  scope: SqlScope,
  inputCaptureId: string,
  rowLevel: RawBuilder<unknown> | null,
): Promise<MetadataGroup[]> {
  const level = rowLevel ?? falseLiteral(scope.dialect);
  const whenPlain = (value: RawBuilder<unknown>) => sql`sum(case when ${level} then ${value} else 0 end)`;
  const totals = sql`count(*) as rows, ${whenPlain(sql`1`)} as plain_rows,
    ${whenPlain(sql`cast(share_quantity_text as bigint)`)} as plain_shares,
    ${whenPlain(sql`cast(trade_count_text as bigint)`)} as plain_trades`;
  const first = await sql<RowMetadata>`select tier_text, week_text, last_update_date, summary_type_code
    from otc_raw_rows where capture_id = ${inputCaptureId} order by line_number limit 1`.execute(scope.db);
  const firstMetadata = first.rows[0];
  if (firstMetadata === undefined) return [];
  const same = sameMetadata(firstMetadata, scope.dialect);
  const main = await sql<GroupRow>`select ${totals} from otc_raw_rows
    where capture_id = ${inputCaptureId} and ${same}`.execute(scope.db);
  const rest = await sql<GroupRow>`select tier_text, week_text, last_update_date, summary_type_code, ${totals}
    from otc_raw_rows where capture_id = ${inputCaptureId} and not coalesce(${same}, ${falseLiteral(scope.dialect)})
    group by tier_text, week_text, last_update_date, summary_type_code`.execute(scope.db);
  const mainRow = main.rows[0];
  return [
    ...(mainRow ? [toGroup(mainRow, metadataOf(firstMetadata))] : []),
    ...rest.rows.map((row) => toGroup(row, metadataOf(row))),
  ];
}

function metadataOf(row: RowMetadata): RowMetadata {
  return {
    tier_text: row.tier_text,
    week_text: row.week_text,
    last_update_date: row.last_update_date,
    summary_type_code: row.summary_type_code,
  };
}
