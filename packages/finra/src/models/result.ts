/**
 * Expected outcomes (bad input, unknown values) are returned as values so callers
 * decide how to record them; exceptions are reserved for programmer errors.
 */
export type Result<T, I> = { ok: true; value: T } | { ok: false; issues: I[] };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<I>(...issues: I[]): { ok: false; issues: I[] } {
  return { ok: false, issues };
}
