import type { IncomingMessage, ServerResponse } from "node:http";
import type { MockFault } from "./mock-faults.js";

/** Writes a JSON answer. */
export function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(text);
}

/** A refusal as FINRA writes it: `{statusCode, message, requestId}`. */
export function refuse(response: ServerResponse, status: number, message: string, requestId: string) {
  send(response, status, { statusCode: status, message, requestId }, { "x-request-id": requestId });
}

// A proxy's loop: every hop (method kept, 307) leads to the next, so the chain never ends by itself.
export function redirectAgain(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://mock");
  url.searchParams.set("loop", String(Number(url.searchParams.get("loop") ?? 0) + 1));
  response.writeHead(307, { location: `${url.pathname}${url.search}` }).end();
}

/** Answers as the fault would; false when the fault does not replace the answer (a short page). */
export function applyFault(
  fault: MockFault,
  retryAfterSeconds: number,
  request: IncomingMessage,
  response: ServerResponse,
  id: string,
): boolean {
  const statuses: Partial<Record<MockFault, number>> = {
    unauthorized: 401,
    "rate-limited": 429,
    unavailable: 503,
    "origin-timeout": 524,
  };
  const status = statuses[fault];
  if (status !== undefined) {
    const headers = status === 429 ? { "retry-after": String(retryAfterSeconds) } : {};
    send(response, status, { statusCode: status, message: `injected ${fault}`, requestId: id }, headers);
    return true;
  }
  if (fault === "redirect-loop") {
    redirectAgain(request, response);
    return true;
  }
  if (fault === "reset-mid-body") {
    response
      .writeHead(200, { "content-type": "application/json", "content-length": "100000" })
      .write('[{"issueSymbolIdentifier":"AB');
    response.socket?.destroy();
    return true;
  }
  if (fault === "malformed-json") {
    response
      .writeHead(200, { "content-type": "application/json", "record-total": "1" })
      .end('[{"issueSymbolIdentifier":"AB",');
    return true;
  }
  return false;
}
