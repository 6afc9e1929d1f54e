import { sql } from "kysely";
import type pg from "pg";
import type { SqlScope } from "../database/spine-database.js";
import type { Logger } from "../logging/logger.js";

// pg-boss 10 finds jobs by polling: a worker that found none sleeps a whole polling interval, so
// a job queued by another process (an enqueue, or a worker on another machine finishing the job
// it waited for) sat idle for up to that long. PostgreSQL's NOTIFY, sent in the transaction that
// queues the jobs, reaches every listening worker when that transaction commits, on any machine.

/** The PostgreSQL channel that carries "jobs of this domain are ready"; the payload is the domain. */
export const jobsReadyChannel = "spine_jobs_ready";

/** Tells listening workers, once `scope`'s transaction commits, that jobs of `domain` are ready. */
export async function signalJobsReady(scope: SqlScope, domain: string): Promise<void> {
  await sql`select pg_notify(${jobsReadyChannel}, ${domain})`.execute(scope.db);
}

/** A worker's subscription to {@link jobsReadyChannel}. */
export interface JobsReadyListener {
  /** Stops listening and closes the connection. */
  stop(): Promise<void>;
}

// A lost connection is tried again after 1 s, then ever more slowly up to 30 s; one warning per outage.
const reconnectDelayMs = { first: 1_000, longest: 30_000 };

async function connectListener(url: string, onPayload: (payload: string) => void): Promise<pg.Client> {
  // Loaded on first use, as pg-boss is: SQLite users never load pg.
  const { default: postgres } = await import("pg");
  // Probes after 10 s idle, so a lost server is noticed in about half a minute, not the kernel's 2 h.
  const client = new postgres.Client({
    connectionString: url,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    connectionTimeoutMillis: 10_000,
  });
  client.on("notification", (message) => onPayload(message.payload ?? ""));
  // An error before the caller's handler is attached (a failed connect) must not crash the worker.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query(`listen ${jobsReadyChannel}`);
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/**
 * Listens for ready jobs of `domains` on a connection of its own and calls `onReady` for each
 * signal. A lost connection is opened again after a second; meanwhile, and for any signal missed,
 * the engine's polling still finds the jobs, only later.
 */
export async function listenForReadyJobs(options: {
  readonly url: string;
  readonly domains: readonly string[];
  readonly onReady: () => void;
  readonly logger: Logger;
}): Promise<JobsReadyListener> {
  const wanted = new Set(options.domains);
  const onPayload = (payload: string) => {
    if (wanted.has(payload)) options.onReady();
  };
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delayMs = reconnectDelayMs.first;
  const openLater = (reason: string) => {
    if (delayMs === reconnectDelayMs.first)
      options.logger.warn("not listening for ready jobs; polling until the connection is back", { reason });
    retry = setTimeout(open, delayMs);
    delayMs = Math.min(delayMs * 2, reconnectDelayMs.longest);
  };
  const open = async (): Promise<void> => {
    try {
      const opened = await connectListener(options.url, onPayload);
      if (stopped) return void (await opened.end().catch(() => undefined));
      client = opened;
      delayMs = reconnectDelayMs.first;
      const lost = (reason: string) => {
        if (client !== opened || stopped) return;
        client = undefined;
        opened.end().catch(() => undefined);
        openLater(reason);
      };
      opened.on("error", (error) => lost(error.message));
      opened.on("end", () => lost("connection ended"));
      // Jobs queued while no connection listened are found now rather than at the next poll.
      options.onReady();
    } catch (error) {
      if (!stopped) openLater(error instanceof Error ? error.message : String(error));
    }
  };
  await open();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const open = client;
      client = undefined;
      // A connection whose network is gone may never finish closing; the process exit ends it.
      const closing = open?.end().catch(() => undefined);
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    },
  };
}
