import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.js";
import { redactSecrets } from "./redact-secrets.js";
import { backoffDelay, parseRetryAfter, retryDelay } from "./retry-policy.js";

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("unit", () => {
  it("doubles the backoff with half jitter and caps every wait", () => {
    expect([1, 2, 3].map((retry) => backoffDelay(policy, retry, () => 0))).toEqual([50, 100, 200]);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1_000);
    expect(retryDelay(policy, 1, 120_000)).toBe(1_000);
  });

  it("reads Retry-After as seconds or a date, and nothing else", () => {
    expect(parseRetryAfter("2")).toBe(2_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect([parseRetryAfter(null), parseRetryAfter("soon")]).toEqual([null, null]);
  });

  it("spaces request starts to the rate", async () => {
    let clock = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter({
      requestsPerSecond: 20,
      now: () => clock,
      sleep: async (milliseconds) => void waits.push(milliseconds),
    });
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    clock = 500;
    await limiter.acquire();
    expect(waits).toEqual([50, 100]);
  });

  it("redacts secrets, Basic and Bearer credentials and token fields", () => {
    const text = 'Basic aWQ6c2VjcmV0 Bearer abc.def {"access_token":"tok123"} secret-42';
    expect(redactSecrets(text, ["secret-42"])).toBe(
      'Basic [redacted] Bearer [redacted] {"access_token":"[redacted]"} [redacted]',
    );
  });
});
