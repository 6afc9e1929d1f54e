import { SpineError } from "../../errors/spine-error.js";
import type { SecretRedactor } from "./redact-secrets.js";

/** Hands out a bearer token, refreshed before it expires and on demand after a 401. */
export interface TokenProvider {
  token(): Promise<string>;
  /** Forgets the current token (the server refused it), so the next call fetches a new one. */
  invalidate(): void;
}

/** Where and as whom an OAuth2 client-credentials token is asked for. */
export interface ClientCredentials {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Redacts the secret and every token issued from anything this provider reports. */
  readonly redact: SecretRedactor;
  readonly timeoutMs?: number;
  /** A token is renewed this long before it expires (default 60 s, at most half its lifetime). */
  readonly refreshMarginMs?: number;
  readonly now?: () => number;
}

interface IssuedToken {
  readonly value: string;
  readonly renewAt: number;
}

async function requestToken(credentials: ClientCredentials, now: number): Promise<IssuedToken> {
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64");
  credentials.redact.add(basic);
  const response = await fetch(credentials.tokenUrl, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, accept: "application/json" },
    signal: AbortSignal.timeout(credentials.timeoutMs ?? 30_000),
  }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpineError(
      "SOURCE",
      credentials.redact(`token request to ${credentials.tokenUrl} failed: ${reason}`),
    );
  });
  const text = await response.text();
  if (!response.ok)
    throw new SpineError(
      "SOURCE",
      credentials.redact(`token endpoint answered ${response.status}: ${text.slice(0, 300)}`),
    );
  const answer = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
  if (typeof answer.access_token !== "string" || answer.access_token === "")
    throw new SpineError("SOURCE", "token endpoint answered without an access_token");
  credentials.redact.add(answer.access_token);
  const lifetimeMs = Number(answer.expires_in ?? 0) * 1000 || 60_000;
  const margin = Math.min(credentials.refreshMarginMs ?? 60_000, lifetimeMs / 2);
  return { value: answer.access_token, renewAt: now + lifetimeMs - margin };
}

/**
 * An OAuth2 client-credentials token provider: POSTs to the token URL with HTTP Basic
 * `client_id:secret`, keeps the `access_token` until shortly before `expires_in` runs out, and
 * fetches a new one after {@link TokenProvider.invalidate}. Concurrent callers share one request.
 */
export function createClientCredentialsTokenProvider(credentials: ClientCredentials): TokenProvider {
  const now = credentials.now ?? Date.now;
  let issued: IssuedToken | null = null;
  let pending: Promise<IssuedToken> | null = null;
  return {
    async token() {
      if (issued !== null && now() < issued.renewAt) return issued.value;
      pending ??= requestToken(credentials, now()).finally(() => {
        pending = null;
      });
      issued = await pending;
      return issued.value;
    },
    invalidate() {
      issued = null;
    },
  };
}
