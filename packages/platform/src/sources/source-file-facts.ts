import { access, stat } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { sql } from "kysely";
import type { SqlScope } from "../database/spine-database.js";
import type { Logger } from "../logging/logger.js";
import type { ReadContext } from "../pipeline/pipeline-types.js";

/** Facts read from whole source files, remembered in the database between runs. */
export interface SourceFileFacts {
  /**
   * The facts of the file at `path`: remembered ones while the file is as it was when they were
   * read (size, modification and change times, inode), else `read(path)`'s answer, kept for
   * {@link SourceFileFacts.save}. A failed read is not kept.
   */
  factsOf<Facts>(path: string, read: (path: string) => Promise<Facts>): Promise<Facts>;
  /**
   * Writes the facts read since creation, in one statement, and forgets those of files gone from
   * the folder; best effort (see createSourceFileFacts).
   */
  save(): Promise<void>;
}

/** What {@link createSourceFileFacts} remembers facts for. */
export interface SourceFileFactsOptions {
  readonly domain: string;
  /** The folder listed: only facts of files under it are loaded. */
  readonly folder: string;
  /**
   * The version of the rules that derive the facts from a file: change it when they change, and
   * every file is read again.
   */
  readonly version: string;
  /** False (while planning, `--dry-run`): remembered facts are used, new ones are not written. */
  readonly write: boolean;
  readonly logger: Logger;
}

interface Remembered {
  readonly signature: string;
  readonly facts: string;
}

// git's test of a changed file: a same-size file swapped in with its old mtime (cp -p, rsync -t,
// mv) still has another ctime or inode, which no tool can set back.
async function signatureOf(path: string): Promise<{ signature: string; modifiedMs: number }> {
  const found = await stat(path);
  return {
    signature: `${found.size}:${found.mtimeMs}:${found.ctimeMs}:${found.ino}`,
    modifiedMs: found.mtimeMs,
  };
}

// A file written within this long before it was read may change again within its timestamp's
// resolution unseen ("racily clean" in git): its facts are used but not remembered.
const racyMs = 2_000;

async function loadRemembered(scope: SqlScope, options: SourceFileFactsOptions) {
  const prefix = `${resolve(options.folder)}${sep}`.replace(/[\\%_]/g, (character) => `\\${character}`);
  const rows = await scope.db
    .selectFrom("core_source_file_facts")
    .select(["path", "facts_version", "file_signature", "facts"])
    .where("domain", "=", options.domain)
    .where("facts_version", "=", options.version)
    .where(sql<boolean>`path like ${`${prefix}%`} escape '\\'`)
    .execute();
  return new Map<string, Remembered>(
    rows.map((row) => [row.path, { signature: row.file_signature, facts: row.facts }]),
  );
}

// Facts of files since deleted from the folder (renamed, cleaned up) would otherwise stay forever.
async function goneFiles(options: SourceFileFactsOptions, remembered: ReadonlyMap<string, Remembered>) {
  const folder = resolve(options.folder);
  const gone: string[] = [];
  for (const path of remembered.keys()) {
    if (dirname(path) !== folder) continue;
    const exists = await access(path).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code !== "ENOENT",
    );
    if (!exists) gone.push(path);
  }
  return gone;
}

async function forgetFacts(scope: SqlScope, options: SourceFileFactsOptions, paths: readonly string[]) {
  for (let start = 0; start < paths.length; start += 500)
    await scope.db
      .deleteFrom("core_source_file_facts")
      .where("domain", "=", options.domain)
      .where("path", "in", paths.slice(start, start + 500))
      .execute();
}

async function writeFacts(
  scope: SqlScope,
  options: SourceFileFactsOptions,
  fresh: ReadonlyMap<string, Remembered>,
): Promise<void> {
  const recordedAt = new Date().toISOString();
  const rows = [...fresh].map(([path, entry]) => ({
    domain: options.domain,
    path,
    facts_version: options.version,
    file_signature: entry.signature,
    facts: entry.facts,
    recorded_at: recordedAt,
  }));
  for (let start = 0; start < rows.length; start += 500) {
    await scope.db
      .insertInto("core_source_file_facts")
      .values(rows.slice(start, start + 500))
      .onConflict((conflict) =>
        conflict.columns(["domain", "path"]).doUpdateSet((update) => ({
          facts_version: update.ref("excluded.facts_version"),
          file_signature: update.ref("excluded.file_signature"),
          facts: update.ref("excluded.facts"),
          recorded_at: update.ref("excluded.recorded_at"),
        })),
      )
      .execute();
  }
}

// Inside a transaction a failed statement aborts the caller's work on PostgreSQL: a savepoint
// confines the failure to this write.
async function saveBestEffort(
  scope: SqlScope,
  options: SourceFileFactsOptions,
  fresh: ReadonlyMap<string, Remembered>,
  gone: readonly string[],
): Promise<void> {
  if ((fresh.size === 0 && gone.length === 0) || !options.write) return;
  try {
    if (scope.inTransaction) await sql`savepoint spine_source_file_facts`.execute(scope.db);
    await forgetFacts(scope, options, gone);
    await writeFacts(scope, options, fresh);
    if (scope.inTransaction) await sql`release savepoint spine_source_file_facts`.execute(scope.db);
  } catch (error) {
    if (scope.inTransaction)
      await sql`rollback to savepoint spine_source_file_facts`.execute(scope.db).catch(() => undefined);
    options.logger.debug("source file facts not remembered", {
      files: fresh.size,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * A domain's memory of what whole-file reads found (for FINRA, the week a file's rows publish,
 * which its name does not say), so that listing a folder of years of files reads only the files
 * new or changed since. A file counts as unchanged while its size, mtime, ctime and inode are (as
 * git judges files); a stage still hashes what it loads. `save()` writes what was read in one
 * statement, best effort: where the database cannot be written (read-only), facts are read
 * every time, and a failure never fails the caller.
 */
export async function createSourceFileFacts(
  scope: SqlScope,
  options: SourceFileFactsOptions,
): Promise<SourceFileFacts> {
  const remembered = await loadRemembered(scope, options);
  const fresh = new Map<string, Remembered>();
  return {
    async factsOf<Facts>(path: string, read: (path: string) => Promise<Facts>): Promise<Facts> {
      const absolute = resolve(path);
      const before = await signatureOf(absolute);
      const known = remembered.get(absolute);
      if (known !== undefined && known.signature === before.signature)
        return JSON.parse(known.facts) as Facts;
      const facts = await read(path);
      const after = await signatureOf(absolute);
      const settled = Date.now() - after.modifiedMs >= racyMs;
      if (after.signature === before.signature && settled)
        fresh.set(absolute, { signature: before.signature, facts: JSON.stringify(facts ?? null) });
      return facts;
    },
    save: async () =>
      saveBestEffort(scope, options, fresh, options.write ? await goneFiles(options, remembered) : []),
  };
}

/**
 * {@link createSourceFileFacts} for a backfill's `findWork`: the facts of `domain`'s files under
 * `folder` by rules `version`, logged to its logger and written unless it is planning (`--dry-run`).
 */
export function sourceFileFactsFor(
  read: ReadContext,
  domain: string,
  folder: string,
  version: string,
): Promise<SourceFileFacts> {
  const write = read.planning !== true;
  return createSourceFileFacts(read.scope, { domain, folder, version, write, logger: read.logger });
}
