import { sql } from "kysely";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import { rawReleaseOf } from "./raw-release.js";

/**
 * Throws when a capture's raw rows were archived or released (releaseRawRows): whatever reads them would otherwise see no rows
 * and compute an empty answer. The error says how to bring them back. With `lock` (a stage, inside
 * its write transaction) the capture's row stays locked for share until the transaction ends, so
 * an archive running meanwhile waits to record itself, and so to delete the rows, until the stage
 * is done; a plain read (a comparison) takes no lock, which a read-only role could not take.
 */
export async function assertRawRowsPresent(
  scope: SqlScope,
  captureId: string,
  options: { readonly lock?: boolean } = {},
): Promise<void> {
  const lock = options.lock === true ? scope.sql.sharedRowLock : sql``;
  const result = await sql<{ archive_file: string | null; archived_at: string | null }>`
    select archive_file, archived_at from core_captures where capture_id = ${captureId} ${lock}`.execute(
    scope.db,
  );
  const row = result.rows[0];
  if (!row?.archived_at) {
    if ((await rawReleaseOf(scope, captureId)) === null) return;
    throw new SpineError(
      "NOT_FOUND",
      `The raw rows of capture ${captureId} were released once normalized (its source file is kept, compressed): run \`spine restore --capture ${captureId}\` first.`,
      { details: { capture_id: captureId, released: true } },
    );
  }
  throw new SpineError(
    "NOT_FOUND",
    `The raw rows of capture ${captureId} were archived on ${row.archived_at} (${row.archive_file}): run \`spine restore --capture ${captureId}\` first.`,
    { details: { capture_id: captureId, archive_file: row.archive_file, archived_at: row.archived_at } },
  );
}
