import { createHash, timingSafeEqual } from "node:crypto";

/** The cookie a browser keeps the token in after opening `/?token=...` once. */
export const tokenCookie = "spine_token";

// Hashing first gives equal lengths, so the comparison takes the same time for any guess.
function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** True when `given` is the token (constant time). */
export function isToken(expected: string, given: string | undefined): boolean {
  return given !== undefined && timingSafeEqual(digest(expected), digest(given));
}

/** The token a request presents: `Authorization: Bearer ...` or the cookie. */
export function presentedToken(
  authorization: string | undefined,
  cookie: string | undefined,
): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  return bearer ?? cookie;
}

/** True for the addresses only this machine reaches. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
