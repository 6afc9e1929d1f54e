import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { sql } from "kysely";
import type { SqlScope } from "../database/spine-database.js";
import type { Logger } from "../logging/logger.js";

/** Facts read from whole source files, remembered in the database between runs. */
export interface SourceFileFacts {
  /**
   * The facts of the file at `path`: remembered ones while its size and modification time are
   * those they were read at, else `read(path)`'s answer, remembered for next time. A failed read
   * is not remembered.
   */
  factsOf<Facts>(path: string, read: (path: string) => Promise<Facts>): Promise<Facts>;
}

/** What {@link createSourceFileFacts} remembers facts for. */
export interface SourceFileFactsOptions {
  readonly domain: string;
  /**
   * The version of the rules that derive the facts from a file: bump it when they change, and
   * every file is read again.
   */
  readonly version: string;
  readonly logger: Logger;
}

interface Remembered {
  readonly version: string;
  readonly size: number;
  readonly modifiedMs: string;
  readonly facts: string;
}

async function loadRemembered(scope: SqlScope, domain: string): Promise<Map<string, Remembered>> {
  const rows = await scope.db
    .selectFrom("core_source_file_facts")
    .select(["path", "facts_version", "size", "modified_ms", "facts"])
    .where("domain", "=", domain)
    .execute();
  return new Map(
    rows.map((row) => [
      row.path,
      { version: row.facts_version, size: Number(row.size), modifiedMs: row.modified_ms, facts: row.facts },
    ]),
  );
}

/**
 * A domain's memory of what whole-file reads found (for FINRA, the week a file's rows publish,
 * which its name does not say), so that listing a folder of years of files reads only the files
 * that are new or changed since. A file counts as unchanged while its size and `mtimeMs` are, as
 * make and git's index judge files; a stage still hashes what it loads. Remembering is best
 * effort: where the database cannot be written (read-only), facts are read every time.
 */
export async function createSourceFileFacts(
  scope: SqlScope,
  options: SourceFileFactsOptions,
): Promise<SourceFileFacts> {
  const remembered = await loadRemembered(scope, options.domain);
  const remember = async (path: string, entry: Remembered) => {
    remembered.set(path, entry);
    const row = {
      facts_version: entry.version,
      size: entry.size,
      modified_ms: entry.modifiedMs,
      facts: entry.facts,
      recorded_at: new Date().toISOString(),
    };
    // Inside a transaction a failed statement would abort the caller's work on PostgreSQL: a
    // savepoint confines the failure to this write.
    const inTransaction = scope.inTransaction === true;
    try {
      if (inTransaction) await sql`savepoint spine_source_file_facts`.execute(scope.db);
      await scope.db
        .insertInto("core_source_file_facts")
        .values({ domain: options.domain, path, ...row })
        .onConflict((conflict) => conflict.columns(["domain", "path"]).doUpdateSet(row))
        .execute();
      if (inTransaction) await sql`release savepoint spine_source_file_facts`.execute(scope.db);
    } catch (error) {
      if (inTransaction)
        await sql`rollback to savepoint spine_source_file_facts`.execute(scope.db).catch(() => undefined);
      options.logger.debug("source file facts not remembered", {
        path,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  return {
    async factsOf<Facts>(path: string, read: (path: string) => Promise<Facts>): Promise<Facts> {
      const absolute = resolve(path);
      const before = await stat(absolute);
      const known = remembered.get(absolute);
      const modifiedMs = String(before.mtimeMs);
      if (
        known !== undefined &&
        known.version === options.version &&
        known.size === before.size &&
        known.modifiedMs === modifiedMs
      )
        return JSON.parse(known.facts) as Facts;
      const facts = await read(path);
      // A file written to while it was read is read again next time.
      const after = await stat(absolute);
      if (after.size === before.size && String(after.mtimeMs) === modifiedMs)
        await remember(absolute, {
          version: options.version,
          size: before.size,
          modifiedMs,
          facts: JSON.stringify(facts ?? null),
        });
      return facts;
    },
  };
}
