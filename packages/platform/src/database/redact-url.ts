/**
 * A database URL with its password replaced by `***`, safe for terminals, logs and `spine doctor`.
 * Anything that does not parse as a URL is returned unchanged (a SQLite path has no password).
 */
export function redactDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.password === "") return url;
  parsed.password = "***";
  // URL percent-encodes the asterisks; keep them readable.
  return parsed.toString().replace("%2A%2A%2A", "***");
}
