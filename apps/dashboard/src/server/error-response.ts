import type { Logger, SpineErrorCode } from "@spine/platform";
import { isSpineError } from "@spine/platform";

/** An error as the API answers it: a status and a body without stack or SQL. */
export interface ErrorResponse {
  readonly status: 400 | 404 | 500 | 503;
  readonly body: { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };
}

const statusByCode: Readonly<Record<SpineErrorCode, ErrorResponse["status"]>> = {
  VALIDATION: 400,
  USAGE: 400,
  CONFIG: 400,
  NOT_FOUND: 404,
  MIGRATION_PENDING: 503,
  MIGRATION_DRIFT: 503,
  DATABASE: 503,
  LOCK_TIMEOUT: 503,
  STORAGE: 503,
  SOURCE: 500,
  PIPELINE_FAILED: 500,
  INTERNAL: 500,
};

// Driver errors (better-sqlite3's SqliteError, pg's DatabaseError, a refused connection) carry SQL
// or server details in their message: the answer names the kind, the log keeps the rest.
function isDatabaseFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code, severity } = error as { name?: unknown; code?: unknown; severity?: unknown };
  return (
    name === "SqliteError" ||
    typeof severity === "string" ||
    (typeof code === "string" && /^(SQLITE_|ECONNREFUSED|ECONNRESET|57P|08)/.test(code))
  );
}

const databaseMessage = "The database could not answer; the server log has the details.";

/** Maps anything thrown by a route to its status and a safe body, logging what the body leaves out. */
export function errorResponse(error: unknown, logger: Logger): ErrorResponse {
  if (isSpineError(error)) {
    const status = statusByCode[error.code];
    if (status >= 500) logger.error("request failed", { err: error });
    const message = error.code === "DATABASE" ? databaseMessage : error.message;
    return { status, body: { ok: false, error: { code: error.code, message } } };
  }
  logger.error("request failed", { err: error });
  if (isDatabaseFailure(error))
    return { status: 503, body: { ok: false, error: { code: "DATABASE", message: databaseMessage } } };
  return {
    status: 500,
    body: {
      ok: false,
      error: { code: "INTERNAL", message: "Internal error; the server log has the details." },
    },
  };
}
