// PostgreSQL returns bigint and numeric columns as strings; queries promise numbers on every backend.

/** A numeric column as a number. */
export function numberOf(value: unknown): number {
  return Number(value);
}

/** A nullable numeric column as a number or null. */
export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A 0/1 integer flag column as a boolean (null stays null). */
export function flagOrNull(value: unknown): boolean | null {
  return value === null || value === undefined ? null : Number(value) === 1;
}
