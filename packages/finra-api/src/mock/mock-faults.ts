/**
 * What the mock can do wrong, as FINRA's front proxy and servers have been seen to: an expired
 * token (401), throttling (429 with Retry-After), 503 and Cloudflare's 524, a redirect loop, a
 * connection reset in the middle of a body, malformed JSON, and a page cut shorter than the limit
 * before the end (not an error: the client must advance by the rows it got).
 */
export type MockFault =
  | "unauthorized"
  | "rate-limited"
  | "unavailable"
  | "origin-timeout"
  | "redirect-loop"
  | "reset-mid-body"
  | "malformed-json"
  | "short-page";

/** The requests a fault applies to: data pages only (default) or every endpoint. */
export type FaultTarget = "data" | "any";

interface PendingFault {
  readonly fault: MockFault;
  readonly target: FaultTarget;
  remaining: number;
}

/** A queue of injected faults, each for the next `times` matching requests. */
export interface FaultQueue {
  inject(fault: MockFault, options?: { times?: number; target?: FaultTarget }): void;
  /** The fault for this request, if one is pending for its kind; counts it down. */
  take(isData: boolean): MockFault | null;
  clear(): void;
}

/** Creates an empty {@link FaultQueue}. */
export function createFaultQueue(): FaultQueue {
  const pending: PendingFault[] = [];
  return {
    inject(fault, options = {}) {
      pending.push({ fault, target: options.target ?? "data", remaining: options.times ?? 1 });
    },
    take(isData) {
      const next = pending.find((entry) => entry.remaining > 0 && (entry.target === "any" || isData));
      if (next === undefined) return null;
      next.remaining -= 1;
      return next.fault;
    },
    clear() {
      pending.length = 0;
    },
  };
}
