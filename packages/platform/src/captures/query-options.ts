import { z } from "zod";

/** How a domain shapes its capture, reject and quality queries. */
export interface CaptureQueryOptions {
  /**
   * Optional zod fields filtering by partition fields, named as the fields, e.g.
   * `{ tier: tierSchema.optional(), week_ending: weekSchema.optional() }`.
   */
  readonly filters: z.ZodRawShape;
  /** What the query says in `spine list`. */
  readonly description: string;
}

/** A row limit with a default. */
export function rowLimit(defaultRows: number, what: string) {
  return z.number().int().min(1).max(100_000).default(defaultRows).describe(`at most this many ${what}`);
}

/** A numeric column as a number (PostgreSQL returns bigint as a string). */
export function numberOf(value: unknown): number {
  return Number(value);
}

/** A nullable numeric column as a number or null. */
export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Orders by UTF-16 code units, not locale, so listings sort the same on every machine. */
export function compareText(left: string | null, right: string | null): number {
  const a = left ?? "";
  const b = right ?? "";
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
