import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CapturesDefinition } from "../captures/define-captures.js";
import type { CaptureRow } from "../database/core-tables.js";
import type { SpineDatabase, SqlScope } from "../database/spine-database.js";
import { isSpineError, SpineError } from "../errors/spine-error.js";
import type { DomainDefinition } from "../pipeline/define-domain.js";
import { keepSourceAgain } from "../sources/stored-source.js";
import type { ArchiveHeader } from "./archive-file.js";
import { readArchiveLines, verifyArchiveFile } from "./archive-file.js";
import { archivedColumnsNow, createTableColumns, keptValues } from "./archived-columns.js";
import { rawReleaseOf, rebuildReleasedRawRows } from "./raw-release.js";
import type { RestoreSelection } from "./select-archived-captures.js";
import { selectArchivedCaptures } from "./select-archived-captures.js";

/** One capture whose raw rows came back from its archive. */
export interface RestoredCapture {
  readonly domain: string;
  readonly captureId: string;
  readonly partition: Readonly<Record<string, unknown>>;
  readonly rows: Readonly<Record<string, number>>;
  /** Per table, archived columns a later migration dropped: their values stay in the file. */
  readonly columnsLeftOut: Readonly<Record<string, readonly string[]>>;
  readonly file: string;
}

function corrupt(captureId: string, path: string, problem: string): SpineError {
  return new SpineError(
    "STORAGE",
    `The archive of capture ${captureId} (${path}) is unreadable: ${problem}.`,
    {
      details: { capture_id: captureId, path },
    },
  );
}

// A row the table refuses (one already in its place, say): named, and nothing is restored.
function refused(captureId: string, table: string, error: unknown): SpineError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SpineError(
    "STORAGE",
    `Capture ${captureId} cannot come back into ${table}: ${reason}. Nothing was restored.`,
    { cause: error, details: { capture_id: captureId, table } },
  );
}

async function* take(
  lines: AsyncIterator<unknown>,
  count: number,
  positions: readonly number[] | null,
  fail: () => SpineError,
) {
  for (let index = 0; index < count; index += 1) {
    const next = await lines.next();
    if (next.done || !Array.isArray(next.value)) throw fail();
    yield keptValues(next.value as readonly unknown[], positions);
  }
}

async function unmarkArchived(scope: SqlScope, capture: CaptureRow): Promise<void> {
  const unmarked = await scope.db
    .updateTable("core_captures")
    .set({ archive_file: null, archive_sha256: null, archived_at: null })
    .where("capture_id", "=", capture.capture_id)
    .where("archived_at", "is not", null)
    .executeTakeFirst();
  if (Number(unmarked.numUpdatedRows) !== 1)
    throw new SpineError(
      "PIPELINE_FAILED",
      `Capture ${capture.capture_id} was restored or removed meanwhile: nothing was restored.`,
      { details: { capture_id: capture.capture_id } },
    );
}

async function readHeader(lines: AsyncIterator<unknown>, capture: CaptureRow, path: string) {
  const first = await lines.next();
  const header = first.value as ArchiveHeader | undefined;
  if (first.done || header?.format !== "spine-raw-archive" || header.captureId !== capture.capture_id)
    throw corrupt(capture.capture_id, path, "its header does not name this capture");
  return header;
}

// Rows go back and the capture forgets its archive in the caller's transaction; the file stays, so
// the capture can be archived again without writing it twice (same rows, same name).
async function restoreOne(
  scope: SqlScope,
  capture: CaptureRow,
  directory: string,
  tableColumns: (table: string) => Promise<ReadonlySet<string>>,
): Promise<RestoredCapture> {
  const file = capture.archive_file ?? "";
  const path = join(directory, file);
  const lines = readArchiveLines(path);
  const rows: Record<string, number> = {};
  const columnsLeftOut: Record<string, readonly string[]> = {};
  try {
    const header = await readHeader(lines, capture, path);
    // Marked first, as archive does: a concurrent restore or rollback of the capture shows here.
    await unmarkArchived(scope, capture);
    for (const table of header.tables) {
      const fail = () =>
        corrupt(capture.capture_id, path, `fewer than ${table.rowCount} rows of ${table.name}`);
      const { columns, positions, leftOut } = archivedColumnsNow(
        await tableColumns(table.name),
        table.columns,
      );
      if (leftOut.length > 0) columnsLeftOut[table.name] = leftOut;
      rows[table.name] = await scope
        .bulkInsert(table.name, columns, take(lines, table.rowCount, positions, fail))
        .catch((error: unknown) => {
          if (isSpineError(error)) throw error;
          throw refused(capture.capture_id, table.name, error);
        });
    }
  } finally {
    // Closes the file even when a row was refused and the transaction rolled back.
    await lines.return(undefined);
  }
  const partition = JSON.parse(capture.partition_key) as Record<string, unknown>;
  return { domain: capture.domain, captureId: capture.capture_id, partition, rows, columnsLeftOut, file };
}

function capturesOf(domains: readonly DomainDefinition[], capture: CaptureRow): CapturesDefinition {
  const captures = domains.find((domain) => domain.captures?.domain === capture.domain)?.captures;
  if (!captures)
    throw new SpineError(
      "NOT_FOUND",
      `Capture ${capture.capture_id} belongs to ${capture.domain}, which is not registered.`,
    );
  return captures;
}

// A released capture: its stored source comes back from its archive file first, when archived,
// then its rows are rebuilt from the source as a stage would rebuild them.
async function rebuildFromSource(
  scope: SqlScope,
  captures: CapturesDefinition,
  capture: CaptureRow,
  directory: string,
): Promise<RestoredCapture> {
  const rows = (await rawReleaseOf(scope, capture.capture_id)) ?? {};
  let current = capture;
  if (capture.archived_at !== null) {
    const path = join(directory, capture.archive_file ?? "");
    await keepSourceAgain(scope, await readFile(path), capture.source_sha256 ?? "", capture.archived_at);
    await unmarkArchived(scope, capture);
    current = { ...capture, archive_file: null, archive_sha256: null, archived_at: null };
  }
  await rebuildReleasedRawRows(scope, captures, current);
  const partition = JSON.parse(capture.partition_key) as Record<string, unknown>;
  const file = capture.archive_file ?? `stored source ${capture.source_sha256}`;
  return { domain: capture.domain, captureId: capture.capture_id, partition, rows, columnsLeftOut: {}, file };
}

/**
 * Brings archived raw rows back into their tables after checking each archive file's sha256 against
 * the one its capture recorded, in one transaction: a missing or altered file, a row the table
 * refuses, or a selection matching no archived capture, is an error and restores nothing.
 */
export async function restoreRawCaptures(
  database: SpineDatabase,
  domains: readonly DomainDefinition[],
  selection: RestoreSelection,
  options: { readonly archiveDirectory: string },
): Promise<RestoredCapture[]> {
  const selected = await selectArchivedCaptures(database, domains, selection);
  // Every file is checked before any capture is restored: a restore of a week is all or nothing.
  for (const capture of selected.filter((row) => row.archived_at !== null))
    await verifyArchiveFile(
      join(options.archiveDirectory, capture.archive_file ?? ""),
      capture.archive_sha256 ?? "",
      capture.capture_id,
    );
  // One transaction: a selection comes back whole or not at all.
  return database.transaction(async (scope) => {
    const restored: RestoredCapture[] = [];
    const tableColumns = createTableColumns(scope);
    for (const capture of selected) {
      const captures = capturesOf(domains, capture);
      const released = await rawReleaseOf(scope, capture.capture_id);
      restored.push(
        released !== null
          ? await rebuildFromSource(scope, captures, capture, options.archiveDirectory)
          : await restoreOne(scope, capture, options.archiveDirectory, tableColumns),
      );
    }
    return restored;
  });
}
