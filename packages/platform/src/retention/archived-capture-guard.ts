import { sql } from "kysely";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";

/**
 * Throws when a capture's raw rows were archived: whatever reads them would otherwise see no rows
 * and compute an empty answer. The error says how to bring them back. Inside a write transaction
 * the capture's row stays locked for share until it ends, so an archive running meanwhile waits to
 * record itself (and so to delete the rows) until the reader is done.
 */
export async function assertRawRowsPresent(scope: SqlScope, captureId: string): Promise<void> {
  const result = await sql<{ archive_file: string | null; archived_at: string | null }>`
    select archive_file, archived_at from core_captures where capture_id = ${captureId} ${scope.sql.sharedRowLock}`.execute(
    scope.db,
  );
  const row = result.rows[0];
  if (!row?.archived_at) return;
  throw new SpineError(
    "NOT_FOUND",
    `The raw rows of capture ${captureId} were archived on ${row.archived_at} (${row.archive_file}): run \`spine restore --capture ${captureId}\` first.`,
    { details: { capture_id: captureId, archive_file: row.archive_file, archived_at: row.archived_at } },
  );
}
