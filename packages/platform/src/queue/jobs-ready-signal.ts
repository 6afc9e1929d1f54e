import { sql } from "kysely";
import type pg from "pg";
import { connectKeptAlive } from "../database/connect-kept-alive.js";
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

async function connectListener(url: string, onPayload: (payload: string) => unknown): Promise<pg.Client> {
  const client = await connectKeptAlive(url);
  client.on("notification", (message) => onPayload(message.payload ?? ""));
  try {
    await client.query(`listen ${jobsReadyChannel}`);
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

// Calls `lost` once when `client` errors or ends.
function onLost(client: pg.Client, lost: (reason: string) => void): void {
  client.on("error", (error) => lost(error.message));
  client.on("end", () => lost("connection ended"));
}

// A connection whose network is gone may never finish closing; the process exit ends it.
async function closeWithin(client: pg.Client | undefined, milliseconds: number): Promise<void> {
  const closing = client?.end().catch(() => undefined);
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, milliseconds).unref())]);
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
  const state = {
    client: undefined as pg.Client | undefined,
    stopped: false,
    delayMs: reconnectDelayMs.first,
  };
  let retry: NodeJS.Timeout | undefined;
  const openLater = (reason: string) => {
    if (state.delayMs === reconnectDelayMs.first)
      options.logger.warn("not listening for ready jobs; polling until the connection is back", { reason });
    retry = setTimeout(open, state.delayMs);
    state.delayMs = Math.min(state.delayMs * 2, reconnectDelayMs.longest);
  };
  const open = async (): Promise<void> => {
    try {
      const opened = await connectListener(options.url, (domain) => wanted.has(domain) && options.onReady());
      if (state.stopped) return void (await opened.end().catch(() => undefined));
      state.client = opened;
      state.delayMs = reconnectDelayMs.first;
      onLost(opened, (reason) => {
        if (state.client !== opened || state.stopped) return;
        state.client = undefined;
        opened.end().catch(() => undefined);
        openLater(reason);
      });
      // Jobs queued while no connection listened are found now rather than at the next poll.
      options.onReady();
    } catch (error) {
      if (!state.stopped) openLater(error instanceof Error ? error.message : String(error));
    }
  };
  await open();
  return {
    async stop() {
      state.stopped = true;
      clearTimeout(retry);
      const client = state.client;
      state.client = undefined;
      await closeWithin(client, 1_000);
    },
  };
}
