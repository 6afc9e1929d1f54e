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
  | "STORAGE"
  | "MIGRATION_DRIFT"
  | "MIGRATION_PENDING"
  | "DATABASE"
  | "INTERNAL";

/** Options accepted by {@link SpineError}. */
export interface SpineErrorOptions {
  readonly cause?: unknown;
  /** Structured facts for `--json` output and logs (invalid parameters, suggestions, ...). */
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * The failure may pass if tried again later (a source answering 503): a queued job is retried
   * with backoff. Data errors (a bad header) are never transient.
   */
  readonly transient?: boolean;
}

/**
 * Marks every {@link SpineError}. `Symbol.for` returns one symbol per realm, so an error thrown by
 * one installed copy of the platform is recognised by another (a domain package with its own
 * copy, say), where `instanceof` would compare two different classes and answer false.
 */
const spineErrorMarker = Symbol.for("market-spine.error");

/**
 * The single error base of Market Spine. Expected outcomes are values; a `SpineError` is thrown
 * when the caller cannot continue, and its `code` decides the CLI exit code. Recognise one with
 * {@link isSpineError}, never `instanceof`.
 */
export class SpineError extends Error {
  override readonly name = "SpineError";
  readonly code: SpineErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  readonly transient: boolean;
  readonly [spineErrorMarker] = true;

  constructor(code: SpineErrorCode, message: string, options: SpineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
    this.transient = options.transient ?? false;
  }
}

/**
 * True when `value` is a {@link SpineError}, optionally of one of the given codes, whichever
 * installed copy of the platform created it: it checks the `Symbol.for("market-spine.error")`
 * marker, as vercel/ai's `AISdkError.isInstance` does, instead of the class.
 */
export function isSpineError(value: unknown, ...codes: SpineErrorCode[]): value is SpineError {
  if (typeof value !== "object" || value === null) return false;
  const marked = value as { readonly [spineErrorMarker]?: unknown; readonly code?: unknown };
  if (marked[spineErrorMarker] !== true) return false;
  return codes.length === 0 || codes.includes(marked.code as SpineErrorCode);
}

/** True for a {@link SpineError} marked transient, or any error caused by one. */
export function isTransientError(value: unknown): boolean {
  for (let error = value, depth = 0; error !== undefined && depth < 10; depth += 1) {
    if (isSpineError(error) && (error as { transient?: unknown }).transient === true) return true;
    error = error instanceof Error ? error.cause : undefined;
  }
  return false;
}
