import { SpineError } from "../../errors/spine-error.js";

/** One page of an offset-paginated answer. */
export interface OffsetPage<Row> {
  readonly rows: readonly Row[];
  /** The total the server announced (e.g. a Record-Total header), or null when it gave none. */
  readonly total: number | null;
}

/** What {@link fetchOffsetPages} asks of the caller. */
export interface OffsetPagination<Row> {
  /** The largest page to ask for. */
  readonly limit: number;
  /** Fetches the page starting at `offset`; an empty answer (204, `[]`) is a page without rows. */
  fetchPage(offset: number, limit: number): Promise<OffsetPage<Row>>;
  /** Told after each page: its number (1-based) and the rows so far. */
  onPage?(page: number, rowsSoFar: number, total: number | null): void;
  /** Stops a server that never ends its answer (default 100,000 pages). */
  readonly maxPages?: number;
}

/**
 * Reads every page of an offset-paginated answer. The offset advances by the rows a page actually
 * held (a server may cut a page short of the limit, by size), and reading stops once the announced
 * total is reached, or at the first empty page when no total was announced.
 */
export async function fetchOffsetPages<Row>(pagination: OffsetPagination<Row>): Promise<Row[]> {
  const rows: Row[] = [];
  const maxPages = pagination.maxPages ?? 100_000;
  for (let page = 1; page <= maxPages; page += 1) {
    const answer = await pagination.fetchPage(rows.length, pagination.limit);
    rows.push(...answer.rows);
    pagination.onPage?.(page, rows.length, answer.total);
    if (answer.rows.length === 0) {
      if (answer.total !== null && rows.length < answer.total)
        throw new SpineError(
          "SOURCE",
          `the server announced ${answer.total} rows but sent an empty page at offset ${rows.length}`,
        );
      return rows;
    }
    if (answer.total !== null && rows.length >= answer.total) return rows;
  }
  throw new SpineError("SOURCE", `more than ${maxPages} pages; stopped reading`);
}
