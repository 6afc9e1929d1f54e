import type { ApiRow } from "@spine/finra";
import type { HttpResponse } from "@spine/platform";
import { SpineError } from "@spine/platform";

/** One data page: its rows, the Record-Total FINRA announced, and the request id it gave. */
export interface DataPage {
  readonly rows: readonly ApiRow[];
  readonly total: number | null;
  readonly requestId: string | null;
}

function headerNumber(response: HttpResponse, name: string): number | null {
  const value = response.headers.get(name);
  return value === null || value.trim() === "" || Number.isNaN(Number(value)) ? null : Number(value);
}

/**
 * Turns a refused request into a SOURCE error with FINRA's own words: 4xx answers carry
 * `{statusCode, message, requestId}`, and both the message and the request id are shown.
 */
export function refuseAnswer(response: HttpResponse, what: string): never {
  let message = response.text.slice(0, 300);
  let requestId = response.headers.get("x-request-id");
  try {
    const body = JSON.parse(response.text) as { message?: unknown; requestId?: unknown };
    if (typeof body.message === "string") message = body.message;
    if (typeof body.requestId === "string") requestId = body.requestId;
  } catch {
    // A proxy's HTML error page: its first characters are the best message there is.
  }
  const id = requestId === null ? "" : ` (request id ${requestId})`;
  throw new SpineError("SOURCE", `FINRA API refused ${what}: HTTP ${response.status}: ${message}${id}`);
}

/**
 * Reads one data page: 204 (or the older 200 with `[]`) is an empty page, 200 is a JSON array of
 * rows. Unparseable JSON throws a SyntaxError, which the HTTP client retries.
 */
export function readDataPage(response: HttpResponse, what: string): DataPage {
  if (response.status >= 300) refuseAnswer(response, what);
  const requestId = response.headers.get("x-request-id") ?? response.headers.get("request-id");
  const total = headerNumber(response, "record-total");
  if (response.status === 204 || response.text.trim() === "") return { rows: [], total, requestId };
  const rows: unknown = JSON.parse(response.text);
  if (!Array.isArray(rows)) throw new SyntaxError(`expected a JSON array of rows, got ${typeof rows}`);
  return { rows: rows as ApiRow[], total, requestId };
}

/** Reads a JSON answer (partitions, metadata), refusing non-2xx ones with FINRA's message. */
export function readJsonAnswer(response: HttpResponse, what: string): unknown {
  if (response.status >= 300) refuseAnswer(response, what);
  return response.status === 204 ? null : JSON.parse(response.text);
}
