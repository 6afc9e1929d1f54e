import { randomUUID } from "node:crypto";
import { CompiledQuery } from "kysely";
import type PgBoss from "pg-boss";
import type { SqlScope } from "../database/spine-database.js";
import type { Logger } from "../logging/logger.js";
import type { Settings } from "../settings/settings.js";
import type { JobsReadyListener } from "./jobs-ready-signal.js";
import { listenForReadyJobs, signalJobsReady } from "./jobs-ready-signal.js";

/** What a queued job carries: the backfill and the job's position in it. */
export interface QueuedJobData {
  readonly backfillId: string;
  readonly position: number;
  /**
   * The engine job id it was sent with: a dead letter names the delivery it stands for, so one
   * arriving after `backfill retry` queued the job anew leaves the new job alone.
   */
  readonly sentAs?: string;
}

/** A job handed to a worker, with how often the engine delivered it before. */
export interface DeliveredJob extends QueuedJobData {
  readonly engineJobId: string;
  readonly retryCount: number;
  readonly retryLimit: number;
}

/** What a worker does with the jobs the engine hands it. */
export interface JobHandlers {
  /** Runs a delivered job; throwing makes the engine retry it with backoff. */
  readonly run: (job: DeliveredJob) => Promise<void>;
  /** Settles a job the engine gave up on (every delivery failed or outlived its lease). */
  readonly exhausted: (job: QueuedJobData) => Promise<void>;
}

/** The job engine (pg-boss) as the platform uses it. */
export interface JobEngine {
  /**
   * Enqueues jobs within `scope`'s transaction (they exist only if that transaction commits);
   * returns the engine's job ids, in order.
   */
  send(scope: SqlScope, domain: string, jobs: readonly QueuedJobData[]): Promise<string[]>;
  /** Cancels engine jobs within `scope`'s transaction: the engine never delivers them again. */
  cancel(scope: SqlScope, domain: string, engineJobIds: readonly string[]): Promise<void>;
  /** Runs jobs of the domains' queues, `concurrency` at a time per queue. */
  work(domains: readonly string[], concurrency: number, handlers: JobHandlers): Promise<void>;
  /** Stops fetching; with `graceful`, waits for jobs in hand to finish. */
  stop(graceful: boolean): Promise<void>;
}

/** The engine's queue of a domain's jobs. */
export function queueNameOf(domain: string): string {
  return `spine-${domain}`;
}

/** Where the engine moves a domain's jobs once it gave up on them (pg-boss's dead letter queue). */
export function exhaustedQueueNameOf(domain: string): string {
  return `spine-${domain}-exhausted`;
}

// pg-boss runs its own SQL through this: inside our transaction, the job insert commits with it.
function engineDatabaseOf(scope: SqlScope): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await scope.db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] as never[] };
    },
  };
}

function jobOptions(settings: Settings, domain: string) {
  return {
    expireInSeconds: settings.queueExpireSeconds,
    retryLimit: settings.queueRetryLimit,
    retryDelay: settings.queueRetryDelaySeconds,
    retryBackoff: true,
    deadLetter: exhaustedQueueNameOf(domain),
  };
}

// The dead letter queue first: a job names it, and pg-boss checks that it exists.
async function ensureQueues(boss: PgBoss, domains: readonly string[]): Promise<void> {
  for (const domain of domains)
    for (const name of [exhaustedQueueNameOf(domain), queueNameOf(domain)])
      if ((await boss.getQueue(name)) === null) await boss.createQueue(name).catch(() => undefined);
}

// Each job goes under an id chosen here and carried in its data (sentAs), so its dead letter names
// the delivery it stands for; the NOTIFY wakes idle workers on every machine once the scope commits.
async function sendJobs(
  boss: PgBoss,
  settings: Settings,
  work: { readonly scope: SqlScope; readonly domain: string; readonly jobs: readonly QueuedJobData[] },
): Promise<string[]> {
  const { scope, domain, jobs } = work;
  const options = { ...jobOptions(settings, domain), db: engineDatabaseOf(scope) };
  const ids: string[] = [];
  for (const job of jobs) {
    const id = randomUUID();
    const sent = await boss.send(queueNameOf(domain), { ...job, sentAs: id }, { ...options, id });
    // pg-boss answers null only for a job it refused (a singleton or throttled send, unused here).
    if (sent === null) throw new Error(`the job engine refused job ${job.position} of ${job.backfillId}`);
    ids.push(sent);
  }
  if (jobs.length > 0) await signalJobsReady(scope, domain);
  return ids;
}

// Returns what wakes every slot of this process to look for jobs at once.
async function workQueues(
  boss: PgBoss,
  settings: Settings,
  work: { readonly domains: readonly string[]; readonly concurrency: number; readonly handlers: JobHandlers },
): Promise<() => void> {
  const options = {
    batchSize: 1,
    includeMetadata: true as const,
    pollingIntervalSeconds: settings.queuePollingSeconds,
  };
  // pg-boss 10 waits a whole polling interval after every fetch unless told otherwise, so a worker
  // took at most one job per interval even with more ready. A finished job may have made others
  // ready (its dependents), so every slot of this process looks again at once.
  const slots: string[] = [];
  const lookAgain = () => {
    for (const slot of slots) boss.notifyWorker(slot);
  };
  for (const domain of work.domains) {
    for (let slot = 0; slot < work.concurrency; slot += 1)
      slots.push(
        await boss.work<QueuedJobData>(queueNameOf(domain), options, async ([job]) => {
          if (job === undefined) return;
          const { id, retryCount, retryLimit, data } = job;
          try {
            await work.handlers.run({ ...data, engineJobId: id, retryCount, retryLimit });
          } finally {
            lookAgain();
          }
        }),
      );
    await boss.work<QueuedJobData>(exhaustedQueueNameOf(domain), options, async ([job]) => {
      if (job !== undefined) await work.handlers.exhausted(job.data);
    });
  }
  return lookAgain;
}

/**
 * Opens pg-boss on the data's own PostgreSQL (its tables live in schema `pgboss`), loaded on first
 * use so SQLite users and `spine list` never load it. Jobs expire (and come back for another
 * worker) `queueExpireSeconds` after a worker took them; the expiry check runs every
 * `queueMaintenanceSeconds` in some worker.
 */
export async function createJobEngine(
  settings: Settings,
  options: { readonly logger: Logger; readonly supervise: boolean; readonly connections: number },
): Promise<JobEngine> {
  const { default: PgBossClass } = await import("pg-boss");
  const boss = new PgBossClass({
    connectionString: settings.databaseUrl ?? "",
    max: options.connections,
    supervise: options.supervise,
    schedule: false,
    maintenanceIntervalSeconds: settings.queueMaintenanceSeconds,
  });
  boss.on("error", (error: Error) => options.logger.warn("job engine error", { error: error.message }));
  await boss.start();
  const known = new Set<string>();
  const listeners: JobsReadyListener[] = [];
  const ensure = async (domains: readonly string[]) => {
    const missing = domains.filter((domain) => !known.has(domain));
    await ensureQueues(boss, missing);
    for (const domain of missing) known.add(domain);
  };
  return {
    async send(scope, domain, jobs) {
      await ensure([domain]);
      return sendJobs(boss, settings, { scope, domain, jobs });
    },
    async cancel(scope, domain, engineJobIds) {
      if (engineJobIds.length === 0) return;
      await boss.cancel(queueNameOf(domain), [...engineJobIds], { db: engineDatabaseOf(scope) });
    },
    async work(domains, concurrency, handlers) {
      await ensure(domains);
      const lookAgain = await workQueues(boss, settings, { domains, concurrency, handlers });
      listeners.push(
        await listenForReadyJobs({
          url: settings.databaseUrl ?? "",
          domains,
          onReady: lookAgain,
          logger: options.logger,
        }),
      );
    },
    async stop(graceful) {
      for (const listener of listeners.splice(0)) await listener.stop();
      await boss.stop({ graceful, wait: true, timeout: settings.queueExpireSeconds * 1000 });
    },
  };
}
