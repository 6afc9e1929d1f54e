import type { ApiRow } from "@spine/finra";

/** A data request body as FINRA documents it. */
export interface DataRequestBody {
  readonly fields?: readonly string[];
  readonly compareFilters?: ReadonlyArray<{ fieldName: string; fieldValue: unknown; compareType: string }>;
  readonly domainFilters?: ReadonlyArray<{ fieldName: string; values: readonly unknown[] }>;
  readonly dateRangeFilters?: ReadonlyArray<{ fieldName: string; startDate?: string; endDate?: string }>;
  readonly sortFields?: readonly string[];
  readonly limit?: number;
  readonly offset?: number;
}

const comparisons: Record<string, (left: string, right: string) => boolean> = {
  EQUAL: (left, right) => left === right,
  GREATER: (left, right) => left > right,
  LESSER: (left, right) => left < right,
};

/** Why FINRA would refuse the body (a 400), or null. */
export function refusalOf(body: DataRequestBody, maximumLimit: number): string | null {
  if (
    body.limit !== undefined &&
    (!Number.isInteger(body.limit) || body.limit < 1 || body.limit > maximumLimit)
  )
    return `limit must be an integer from 1 to ${maximumLimit}`;
  if (body.offset !== undefined && (!Number.isInteger(body.offset) || body.offset < 0))
    return "offset must be a non-negative integer";
  const equal = new Set(
    (body.compareFilters ?? [])
      .filter((filter) => filter.compareType === "EQUAL")
      .map((filter) => filter.fieldName),
  );
  if ((body.sortFields?.length ?? 0) > 0 && !(equal.has("weekStartDate") && equal.has("tierIdentifier")))
    return "sortFields requires EQUAL compareFilters on both partition fields (weekStartDate, tierIdentifier)";
  const unknown = (body.compareFilters ?? []).find((filter) => !(filter.compareType in comparisons));
  return unknown ? `unknown compareType ${unknown.compareType}` : null;
}

/** The rows that pass every filter of the body, in stored order. */
export function filterRows(rows: readonly ApiRow[], body: DataRequestBody): ApiRow[] {
  return rows.filter(
    (row) =>
      (body.compareFilters ?? []).every((filter) =>
        comparisons[filter.compareType]?.(String(row[filter.fieldName] ?? ""), String(filter.fieldValue)),
      ) &&
      (body.domainFilters ?? []).every((filter) =>
        filter.values.map(String).includes(String(row[filter.fieldName])),
      ) &&
      (body.dateRangeFilters ?? []).every((filter) => {
        const value = String(row[filter.fieldName] ?? "");
        return value >= (filter.startDate ?? "") && value <= (filter.endDate ?? "9999-12-31");
      }),
  );
}

// The API's key order is not stable: each row's keys are rotated by its position.
function rotatedKeys(row: ApiRow, index: number): string[] {
  const keys = Object.keys(row);
  const turn = index % Math.max(keys.length, 1);
  return [...keys.slice(turn), ...keys.slice(0, turn)];
}

/**
 * One row as the API writes it: keys in an unstable order, large share counts in E-notation when
 * asked (`1.776264414239084E9`), and a totalNotionalSum that always is.
 */
export function renderRow(row: ApiRow, index: number, eNotation: boolean): string {
  const parts = rotatedKeys(row, index).map((key) => {
    const value = row[key];
    const exponent =
      eNotation && typeof value === "number" && value >= 100_000 && key !== "totalWeeklyTradeCount";
    const text = exponent
      ? (value as number).toExponential().toUpperCase().replace("E+", "E")
      : JSON.stringify(value);
    return `${JSON.stringify(key)}:${text}`;
  });
  const shares = Number(row.totalWeeklyShareQuantity);
  const notional = Number.isFinite(shares)
    ? (shares * 12.3456789).toExponential().toUpperCase().replace("E+", "E")
    : "null";
  return `{${[...parts, `"totalNotionalSum":${notional}`].join(",")}}`;
}

/** One page: rows from `offset`, at most `limit` of them and at most `maximumBytes` of JSON. */
export function pageOf(
  rows: readonly ApiRow[],
  offset: number,
  limit: number,
  options: { readonly maximumBytes: number; readonly eNotation: boolean },
): string[] {
  const page: string[] = [];
  let bytes = 2;
  for (let index = offset; index < rows.length && page.length < limit; index += 1) {
    const text = renderRow(rows[index] as ApiRow, index, options.eNotation);
    const size = Buffer.byteLength(text) + 1;
    if (page.length > 0 && bytes + size > options.maximumBytes) break;
    page.push(text);
    bytes += size;
  }
  return page;
}
