import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";

/**
 * Throws when a capture's raw rows were archived: whatever reads them would otherwise see no rows
 * and compute an empty answer. The error says how to bring them back.
 */
export async function assertRawRowsPresent(scope: SqlScope, captureId: string): Promise<void> {
  const row = await scope.db
    .selectFrom("core_captures")
    .select(["archive_file", "archived_at"])
    .where("capture_id", "=", captureId)
    .executeTakeFirst();
  if (!row?.archived_at) return;
  throw new SpineError(
    "NOT_FOUND",
    `The raw rows of capture ${captureId} were archived on ${row.archived_at} (${row.archive_file}): run \`spine restore --capture ${captureId}\` first.`,
    { details: { capture_id: captureId, archive_file: row.archive_file, archived_at: row.archived_at } },
  );
}
