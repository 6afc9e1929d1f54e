import type { Settings } from "@spine/platform";
import { resolveDatabaseTarget } from "@spine/platform";

// Passwords in a PostgreSQL URL must never reach the terminal or CI logs.
function redactPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, "$1***@");
}

/** The database location as printed to users: a SQLite path or a redacted server URL. */
export function describeLocation(settings: Settings): string {
  const target = resolveDatabaseTarget(settings);
  return target.dialect === "sqlite" ? target.path : redactPassword(target.url);
}
