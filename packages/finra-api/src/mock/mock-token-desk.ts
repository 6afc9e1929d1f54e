import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The client id and secret the mock's token endpoint accepts. */
export interface MockCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The mock's OAuth2 side: issues tokens that expire, and checks bearer tokens. */
export interface TokenDesk {
  issue(request: IncomingMessage, response: ServerResponse): void;
  /** True when no credentials are required, or the request carries a live token. */
  authorizes(request: IncomingMessage): boolean;
}

/**
 * A token endpoint as FINRA's: POST with HTTP Basic `client_id:secret`, answering
 * `{access_token, token_type, expires_in}`; tokens stop working after `lifetimeSeconds`.
 */
export function createTokenDesk(
  credentials: MockCredentials | undefined,
  lifetimeSeconds: number,
): TokenDesk {
  const issued = new Map<string, number>();
  const expected =
    credentials &&
    `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64")}`;
  return {
    issue(request, response) {
      if (request.method !== "POST" || expected === undefined || request.headers.authorization !== expected) {
        response.writeHead(401, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: "invalid_client" }));
        return;
      }
      const token = randomBytes(24).toString("hex");
      issued.set(token, Date.now() + lifetimeSeconds * 1000);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: lifetimeSeconds }),
      );
    },
    authorizes(request) {
      if (credentials === undefined) return true;
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
      const expiry = token === undefined ? undefined : issued.get(token);
      return expiry !== undefined && Date.now() < expiry;
    },
  };
}
