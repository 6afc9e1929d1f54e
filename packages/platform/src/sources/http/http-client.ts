import { SpineError } from "../../errors/spine-error.js";
import type { Logger } from "../../logging/logger.js";
import type { RateLimiter } from "./rate-limiter.js";
import { createSecretRedactor, type SecretRedactor } from "./redact-secrets.js";
import { parseRetryAfter, RETRYABLE_STATUSES, type RetryPolicy, retryDelay } from "./retry-policy.js";
import type { TokenProvider } from "./token-provider.js";

/** One HTTP request. */
export interface HttpRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A whole response, its body read. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Attempts it took, the successful one included. */
  readonly attempts: number;
}

/** What {@link createHttpClient} builds on. */
export interface HttpClientOptions {
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  readonly rateLimiter?: RateLimiter;
  /** Adds `Authorization: Bearer` to every request; a 401 renews the token once. */
  readonly tokens?: TokenProvider;
  readonly redact?: SecretRedactor;
  readonly logger?: Logger;
  readonly maxRedirects?: number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly random?: () => number;
}

/** Sends requests with retries; `interpret` may throw to say a 2xx body is unusable (retried too). */
export interface HttpClient {
  send<T = HttpResponse>(request: HttpRequest, interpret?: (response: HttpResponse) => T): Promise<T>;
}

/** A failure worth another attempt, with the server's Retry-After when it gave one. */
class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

// Redirects are followed by hand so a proxy's redirect loop is seen, counted and retried.
async function fetchFollowingRedirects(request: HttpRequest, options: HttpClientOptions, headers: Headers) {
  let { method, url, body } = request;
  const signal = AbortSignal.timeout(options.timeoutMs);
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop += 1) {
    const response = await fetch(url, { method, headers, body: body ?? null, redirect: "manual", signal });
    const location = response.headers.get("location");
    if (!redirectStatuses.has(response.status) || location === null) {
      return { response, text: await response.text() };
    }
    await response.body?.cancel();
    url = new URL(location, url).toString();
    if (response.status !== 307 && response.status !== 308) [method, body] = ["GET", undefined];
  }
  throw new RetryableFailure(`redirect loop: more than ${options.maxRedirects ?? 5} redirects`);
}

async function attempt(request: HttpRequest, options: HttpClientOptions, attempts: number) {
  await options.rateLimiter?.acquire();
  const headers = new Headers(request.headers);
  if (options.tokens) headers.set("authorization", `Bearer ${await options.tokens.token()}`);
  try {
    const { response, text } = await fetchFollowingRedirects(request, options, headers);
    const answer: HttpResponse = { status: response.status, headers: response.headers, text, attempts };
    if (RETRYABLE_STATUSES.has(answer.status)) {
      const retryAfter = parseRetryAfter(answer.headers.get("retry-after"));
      throw new RetryableFailure(`HTTP ${answer.status}`, retryAfter);
    }
    return answer;
  } catch (error) {
    if (error instanceof RetryableFailure) throw error;
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : "";
    throw new RetryableFailure(`network error: ${cause || String(error)}`);
  }
}

function interpretOrRetry<T>(response: HttpResponse, interpret: (response: HttpResponse) => T): T {
  try {
    return interpret(response);
  } catch (error) {
    if (response.status >= 300 || !(error instanceof SyntaxError)) throw error;
    throw new RetryableFailure(`unreadable body: ${error.message}`);
  }
}

/**
 * An HTTP client on Node's built-in fetch (whose global dispatcher keeps one keep-alive connection
 * pool per origin): a client-side rate limit, a timeout per attempt, redirects followed by hand,
 * and bounded retries with exponential backoff and jitter on 429/502/503/504/524, network errors,
 * redirect loops and unreadable 2xx bodies, honouring Retry-After. A 401 renews the bearer token
 * once. Every message is redacted; after the last attempt it throws a SOURCE error saying why.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const redact = options.redact ?? createSecretRedactor();
  const sleep = options.sleep ?? ((milliseconds) => new Promise((done) => setTimeout(done, milliseconds)));
  return {
    async send(request, interpret = (response) => response as never) {
      let renewed = false;
      for (let attempts = 1; ; attempts += 1) {
        try {
          const response = await attempt(request, options, attempts);
          if (response.status === 401 && options.tokens && !renewed) {
            [renewed, attempts] = [true, attempts - 1];
            options.tokens.invalidate();
            continue;
          }
          return interpretOrRetry(response, interpret);
        } catch (error) {
          if (!(error instanceof RetryableFailure)) throw error;
          const where = `${request.method} ${request.url}`;
          if (attempts >= options.retry.maxAttempts)
            throw new SpineError(
              "SOURCE",
              redact(`${where} failed after ${attempts} attempts: ${error.message}`),
              { transient: true },
            );
          const wait = retryDelay(options.retry, attempts, error.retryAfterMs, options.random);
          options.logger?.warn("HTTP request retried", {
            request: redact(where),
            reason: error.message,
            wait_ms: wait,
          });
          await sleep(wait);
        }
      }
    },
  };
}
