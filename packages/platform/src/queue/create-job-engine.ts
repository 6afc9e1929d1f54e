import { CompiledQuery } from "kysely";
import type PgBoss from "pg-boss";
import type { SqlScope } from "../database/spine-database.js";
import type { Logger } from "../logging/logger.js";
import type { Settings } from "../settings/settings.js";

/** What a queued job carries: the backfill and the job's position in it. */
export interface QueuedJobData {
  readonly backfillId: string;
  readonly position: number;
}

/** A job handed to a worker, with how often the engine delivered it before. */
export interface DeliveredJob extends QueuedJobData {
  readonly engineJobId: string;
  readonly retryCount: number;
  readonly retryLimit: number;
}

/** The job engine (pg-boss) as the platform uses it. */
export interface JobEngine {
  /** Enqueues jobs within `scope`'s transaction: they exist only if that transaction commits. */
  send(scope: SqlScope, domain: string, jobs: readonly QueuedJobData[]): Promise<void>;
  /** Runs `handle` on jobs of the domains' queues, `concurrency` at a time per queue. */
  work(
    domains: readonly string[],
    concurrency: number,
    handle: (job: DeliveredJob) => Promise<void>,
  ): Promise<void>;
  /** Stops fetching; with `graceful`, waits for jobs in hand to finish. */
  stop(graceful: boolean): Promise<void>;
}

/** The engine's queue of a domain's jobs. */
export function queueNameOf(domain: string): string {
  return `spine-${domain}`;
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

function jobOptions(settings: Settings) {
  return {
    expireInSeconds: settings.queueExpireSeconds,
    retryLimit: settings.queueRetryLimit,
    retryDelay: settings.queueRetryDelaySeconds,
    retryBackoff: true,
  };
}

async function ensureQueues(boss: PgBoss, domains: readonly string[]): Promise<void> {
  for (const domain of domains) {
    const name = queueNameOf(domain);
    if ((await boss.getQueue(name)) === null) await boss.createQueue(name).catch(() => undefined);
  }
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
  const ensure = async (domains: readonly string[]) => {
    const missing = domains.filter((domain) => !known.has(domain));
    await ensureQueues(boss, missing);
    for (const domain of missing) known.add(domain);
  };
  return {
    async send(scope, domain, jobs) {
      await ensure([domain]);
      const db = engineDatabaseOf(scope);
      for (const job of jobs)
        await boss.send(queueNameOf(domain), { ...job }, { ...jobOptions(settings), db });
    },
    async work(domains, concurrency, handle) {
      await ensure(domains);
      const workOptions = {
        batchSize: 1,
        includeMetadata: true as const,
        pollingIntervalSeconds: settings.queuePollingSeconds,
      };
      for (const domain of domains)
        for (let slot = 0; slot < concurrency; slot += 1)
          await boss.work<QueuedJobData>(queueNameOf(domain), workOptions, async ([job]) => {
            if (job === undefined) return;
            const { id, retryCount, retryLimit, data } = job;
            await handle({ ...data, engineJobId: id, retryCount, retryLimit });
          });
    },
    stop: (graceful) => boss.stop({ graceful, wait: true, timeout: settings.queueExpireSeconds * 1000 }),
  };
}
