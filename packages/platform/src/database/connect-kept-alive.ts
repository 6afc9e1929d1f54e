import type pg from "pg";

/**
 * A session that outlives its use (a held advisory lock, a LISTEN) lives as long as its
 * connection. A holder whose process dies closes it at once, but a machine that is lost (power,
 * network) closes nothing: without keepalive probes the server keeps that session for the
 * kernel's two hours. The server probes an idle session after `idle` seconds, `count` times
 * `interval` seconds apart, and ends it unanswered (about 30 s); the client probes too, so it
 * notices a lost server as soon.
 */
const keepalive = { idleSeconds: 10, intervalSeconds: 5, count: 4 };
const keepaliveSql =
  "select set_config('tcp_keepalives_idle', $1, false), set_config('tcp_keepalives_interval', $2, false), set_config('tcp_keepalives_count', $3, false)";

// A server that accepts no connection (a lost network) fails the connect instead of hanging it.
const connectTimeoutMs = 10_000;

/**
 * Opens a connection of its own to `url` (outside any pool) with keepalive probes on both ends,
 * for a session that must end soon after its holder or its server is lost. Errors emitted later
 * are ignored until the caller attaches its own handler; a failed set-up closes the connection.
 */
export async function connectKeptAlive(url: string): Promise<pg.Client> {
  // Loaded on first use: SQLite users never load pg.
  const { default: postgres } = await import("pg");
  const client = new postgres.Client({
    connectionString: url,
    keepAlive: true,
    keepAliveInitialDelayMillis: keepalive.idleSeconds * 1000,
    connectionTimeoutMillis: connectTimeoutMs,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { idleSeconds, intervalSeconds, count } = keepalive;
    await client.query(keepaliveSql, [String(idleSeconds), String(intervalSeconds), String(count)]);
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}
