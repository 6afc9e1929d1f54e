/**
 * Every failure the platform reports carries one of these codes. The CLI maps codes to exit
 * codes in one place, so adding a code here is a contract change.
 */
export type SpineErrorCode =
  | "VALIDATION"
  | "USAGE"
  | "NOT_FOUND"
  | "CONFIG"
  | "SOURCE"
  | "PIPELINE_FAILED"
  | "LOCK_TIMEOUT"
  | "MIGRATION_DRIFT"
  | "MIGRATION_PENDING"
  | "DATABASE"
  | "INTERNAL";

/** Options accepted by {@link SpineError}. */
export interface SpineErrorOptions {
  readonly cause?: unknown;
  /** Structured facts for `--json` output and logs (invalid parameters, suggestions, ...). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The single error base of Market Spine. Expected outcomes are values; a `SpineError` is thrown
 * when the caller cannot continue, and its `code` decides the CLI exit code.
 */
export class SpineError extends Error {
  override readonly name = "SpineError";
  readonly code: SpineErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: SpineErrorCode, message: string, options: SpineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `value` is a {@link SpineError}, optionally of one of the given codes. */
export function isSpineError(value: unknown, ...codes: SpineErrorCode[]): value is SpineError {
  return value instanceof SpineError && (codes.length === 0 || codes.includes(value.code));
}
