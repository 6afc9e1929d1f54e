/** How often and how patiently a request is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The first retry's delay before jitter; each later retry doubles it. */
  readonly baseDelayMs: number;
  /** No wait, Retry-After included, is longer than this. */
  readonly maxDelayMs: number;
}

/** Statuses a front proxy or a busy server answers with for a while: worth retrying. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504, 524]);

/** The delay before retry number `retry` (1 for the first): exponential with half jitter. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/**
 * A Retry-After header in milliseconds (seconds or an HTTP date), or null when absent or
 * unreadable; never negative.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The wait before a retry: the server's Retry-After when it gave one, else the backoff; capped. */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | null,
  random?: () => number,
): number {
  const wait = retryAfterMs ?? backoffDelay(policy, retry, random);
  return Math.min(wait, policy.maxDelayMs);
}
