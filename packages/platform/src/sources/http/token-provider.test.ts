import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createSecretRedactor } from "./redact-secrets.js";
import { createClientCredentialsTokenProvider } from "./token-provider.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

// A token endpoint that issues token-1, token-2, ... each valid `expiresIn` seconds, or refuses.
async function tokenEndpoint(expiresIn: number, status = 200) {
  const requests: string[] = [];
  server = createServer((request, response) => {
    requests.push(request.headers.authorization ?? "");
    response.writeHead(status, { "content-type": "application/json" });
    const body =
      status === 200 ? { access_token: `token-${requests.length}`, expires_in: expiresIn } : { error: "no" };
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((done) => server?.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/token`, requests };
}

describe("unit: the client-credentials token provider", () => {
  it("keeps a token until shortly before it expires, then asks for a new one before it is refused", async () => {
    const endpoint = await tokenEndpoint(120);
    let clock = 1_000_000;
    const provider = createClientCredentialsTokenProvider({
      tokenUrl: endpoint.url,
      clientId: "client",
      clientSecret: "s3cret",
      redact: createSecretRedactor(["s3cret"]),
      refreshMarginMs: 30_000,
      now: () => clock,
    });
    expect(await provider.token()).toBe("token-1");
    clock += 89_000;
    expect(await provider.token()).toBe("token-1");
    expect(endpoint.requests).toHaveLength(1);
    clock += 2_000; // 91 s of 120: inside the 30 s margin, renewed before expiry
    expect(await provider.token()).toBe("token-2");
    expect(endpoint.requests[0]).toBe(`Basic ${Buffer.from("client:s3cret").toString("base64")}`);
    provider.invalidate();
    expect(await provider.token()).toBe("token-3");
  });

  it("shares one request between concurrent callers", async () => {
    const endpoint = await tokenEndpoint(3600);
    const provider = createClientCredentialsTokenProvider({
      tokenUrl: endpoint.url,
      clientId: "client",
      clientSecret: "s3cret",
      redact: createSecretRedactor(["s3cret"]),
    });
    const tokens = await Promise.all([provider.token(), provider.token(), provider.token()]);
    expect(tokens).toEqual(["token-1", "token-1", "token-1"]);
    expect(endpoint.requests).toHaveLength(1);
  });

  it("fails with the status and never the secret or its Basic form when the endpoint refuses", async () => {
    const endpoint = await tokenEndpoint(0, 401);
    const redact = createSecretRedactor(["s3cret"]);
    const provider = createClientCredentialsTokenProvider({
      tokenUrl: endpoint.url,
      clientId: "client",
      clientSecret: "s3cret",
      redact,
    });
    const error = (await provider.token().then(
      () => null,
      (caught: unknown) => caught,
    )) as Error;
    expect(error.message).toMatch(/token endpoint answered 401/);
    const basic = Buffer.from("client:s3cret").toString("base64");
    expect(redact(`${error.message} ${basic} s3cret`)).not.toMatch(new RegExp(`s3cret|${basic}`));
  });
});
