/** Spaces out request starts so no more than the allowed number begin in any second. */
export interface RateLimiter {
  /** Resolves when the caller may start its next request. */
  acquire(): Promise<void>;
}

/**
 * A client-side limiter of `requestsPerSecond` request starts: each start waits until
 * 1000/requestsPerSecond milliseconds after the previous one, so a server's per-second limit is
 * never reached even in bursts.
 */
export function createRateLimiter(options: {
  readonly requestsPerSecond: number;
  readonly now?: () => number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
}): RateLimiter {
  const interval = 1000 / options.requestsPerSecond;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((milliseconds) => new Promise((done) => setTimeout(done, milliseconds)));
  let nextStart = 0;
  return {
    async acquire() {
      const current = now();
      const start = Math.max(current, nextStart);
      nextStart = start + interval;
      if (start > current) await sleep(start - current);
    },
  };
}
