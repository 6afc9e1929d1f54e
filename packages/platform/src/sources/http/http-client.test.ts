import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpClient } from "./http-client.js";
import { createSecretRedactor } from "./redact-secrets.js";
import { createClientCredentialsTokenProvider } from "./token-provider.js";

type Handler = (request: IncomingMessage, response: ServerResponse, count: number) => void;

const servers: Array<{ close(): void; closeAllConnections(): void }> = [];

async function serve(handler: Handler): Promise<string> {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    handler(request, response, count);
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

const retry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2_000 };

describe("unit", () => {
  it("fails with the attempts and the last reason after the last retry", async () => {
    const url = await serve((_request, response) => response.writeHead(503).end());
    const client = createHttpClient({ retry, timeoutMs: 2_000 });
    await expect(client.send({ method: "GET", url })).rejects.toThrow(/failed after 3 attempts: HTTP 503/);
  });

  it("honours Retry-After on 429, then answers", async () => {
    const waits: number[] = [];
    const url = await serve((_request, response, count) =>
      count === 1 ? response.writeHead(429, { "retry-after": "1" }).end() : response.end("ok"),
    );
    const sleep = async (milliseconds: number) => void waits.push(milliseconds);
    const answer = await createHttpClient({ retry, timeoutMs: 2_000, sleep }).send({ method: "GET", url });
    expect([answer.text, answer.attempts, waits]).toEqual(["ok", 2, [1_000]]);
  });

  it("retries a redirect loop and a connection reset mid-body", async () => {
    const url = await serve((request, response, count) => {
      // Six redirects in a row are the first attempt's loop; the seventh request dies mid-body.
      if (count <= 6) return response.writeHead(302, { location: request.url ?? "/" }).end();
      if (count === 7) {
        response.writeHead(200, { "content-length": "100" }).write("[{");
        return response.socket?.destroy();
      }
      if (count === 8) return response.end("[]");
      response.writeHead(302, { location: request.url ?? "/" }).end();
    });
    const client = createHttpClient({ retry, timeoutMs: 2_000 });
    const answer = await client.send({ method: "GET", url }, (response) => JSON.parse(response.text));
    expect(answer).toEqual([]);
    const once = createHttpClient({ retry: { ...retry, maxAttempts: 1 }, timeoutMs: 2_000 });
    await expect(once.send({ method: "GET", url: `${url}/again` })).rejects.toThrow(/redirect loop/);
  });

  it("renews a refused token once and never shows the secret in its errors", async () => {
    const secret = "s3cret-value-123";
    const tokens: string[] = [];
    const url = await serve((request, response) => {
      if (request.url?.startsWith("/token")) {
        tokens.push(`token-${tokens.length + 1}`);
        return response.end(JSON.stringify({ access_token: tokens.at(-1), expires_in: 3600 }));
      }
      const good = request.headers.authorization === "Bearer token-2";
      response.writeHead(good ? 400 : 401).end(`bad ${request.headers.authorization} ${secret}`);
    });
    const redact = createSecretRedactor([secret]);
    const provider = createClientCredentialsTokenProvider({
      tokenUrl: `${url}/token`,
      clientId: "id",
      clientSecret: secret,
      redact,
    });
    const client = createHttpClient({ retry, timeoutMs: 2_000, tokens: provider, redact });
    const answer = await client.send({ method: "GET", url: `${url}/data` });
    expect([answer.status, tokens]).toEqual([400, ["token-1", "token-2"]]);
    expect(redact(answer.text)).toBe("bad Bearer [redacted] [redacted]");
  });
});
