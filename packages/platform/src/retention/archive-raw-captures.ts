import type { CaptureRow } from "../database/core-tables.js";
import type { SpineDatabase } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { DomainDefinition } from "../pipeline/define-domain.js";
import { forgetUnneededSources, readStoredSource } from "../sources/stored-source.js";
import type { ArchivedTable, WrittenArchive } from "./archive-file.js";
import { sourceArchiveSuffix, writeArchiveBytes, writeArchiveFile } from "./archive-file.js";
import { captureRowValues, columnsOfCaptureRows } from "./capture-row-pages.js";
import type { RawCapture } from "./raw-captures.js";
import { capturesBefore, capturesWithRawTables, countRawRows } from "./raw-captures.js";
import type { ReleasedRows } from "./raw-release.js";
import { rawReleaseOf } from "./raw-release.js";

/** A capture to archive: rows in its raw tables, or released ones whose stored source is archived. */
interface PendingCapture extends RawCapture {
  readonly released: ReleasedRows | null;
}

/** What {@link archiveRawCaptures} takes. */
export interface ArchiveRawOptions {
  /** Raw captures of partitions before this value of the order field (an ISO date) are archived. */
  readonly before: string;
  /** Where archive files go (see archiveDirectoryOf). */
  readonly archiveDirectory: string;
  /** List what would be archived; write and delete nothing. */
  readonly dryRun?: boolean;
  readonly now?: () => Date;
}

/** One capture archived (or, on a dry run, that would be). */
export interface ArchivedCapture {
  readonly domain: string;
  readonly captureId: string;
  readonly partition: Readonly<Record<string, unknown>>;
  readonly stage: string;
  /** Rows moved out of each raw table. */
  readonly rows: Readonly<Record<string, number>>;
  readonly file: string | null;
  readonly sha256: string | null;
  readonly bytes: number | null;
}

/** What an archive run did: the captures archived and how many old ones already were. */
export interface ArchiveRawOutcome {
  readonly before: string;
  readonly dryRun: boolean;
  readonly archived: readonly ArchivedCapture[];
  readonly alreadyArchived: number;
}

async function rawCapturesBefore(
  database: SpineDatabase,
  domains: readonly DomainDefinition[],
  before: string,
) {
  const pending: PendingCapture[] = [];
  let alreadyArchived = 0;
  for (const captures of capturesWithRawTables(domains)) {
    for (const capture of await capturesBefore(database, captures, before)) {
      if (capture.archived_at !== null) {
        alreadyArchived += 1;
        continue;
      }
      const tables = await countRawRows(database, captures, capture.capture_id);
      const released = await rawReleaseOf(database, capture.capture_id);
      if (tables.length > 0 || released !== null) pending.push({ captures, capture, tables, released });
    }
  }
  return { pending, alreadyArchived };
}

// A capture whose rows were released is archived as its stored source (the file, gzip): the rows
// come back from it as they were rebuilt after the release.
async function writeArchiveOf(database: SpineDatabase, raw: PendingCapture, directory: string) {
  if (raw.released !== null) {
    const content = await readStoredSource(database, raw.capture.source_sha256 ?? "");
    if (content === null)
      throw new SpineError(
        "STORAGE",
        `Capture ${raw.capture.capture_id}: its raw rows were released and its source ${raw.capture.source_sha256} is not stored; nothing was archived.`,
      );
    return writeArchiveBytes(directory, sourceArchiveSuffix, content);
  }
  return writeRowArchive(database, raw, directory);
}

async function writeRowArchive(database: SpineDatabase, raw: RawCapture, directory: string) {
  const captureId = raw.capture.capture_id;
  const tables: ArchivedTable[] = [];
  for (const { table, rowCount } of raw.tables)
    tables.push({
      name: table.name,
      columns: await columnsOfCaptureRows(database, table.name, captureId),
      rowCount,
    });
  // A page read that lost or repeated rows (a key that is not unique) must not become an archive
  // whose capture then loses all its rows: the file is not kept and nothing is deleted.
  async function* rows() {
    for (const [index, { table, rowCount }] of raw.tables.entries()) {
      const columns = tables[index]?.columns ?? [];
      let read = 0;
      for await (const row of captureRowValues(
        database,
        { table: table.name, captureId },
        columns,
        table.keyColumns,
      )) {
        read += 1;
        yield row;
      }
      if (read !== rowCount)
        throw new SpineError(
          "PIPELINE_FAILED",
          `Capture ${captureId}: ${read} rows of ${table.name} read for its archive, ${rowCount} counted: nothing was archived; run the archive again.`,
        );
    }
  }
  const header = {
    format: "spine-raw-archive",
    version: 1,
    domain: raw.captures.domain,
    captureId,
    tables,
  } as const;
  return writeArchiveFile(directory, header, rows());
}

// The rows leave the database in the same transaction that records the file: either both or neither.
// The capture is marked first, so a reader holding it (assertRawRowsPresent) makes this wait before
// any row goes, and a reader coming after sees it archived.
async function forgetRows(
  database: SpineDatabase,
  raw: PendingCapture,
  written: WrittenArchive,
  archivedAt: string,
) {
  const captureId = raw.capture.capture_id;
  await database.transaction(async (scope) => {
    const recorded = await scope.db
      .updateTable("core_captures")
      .set({ archive_file: written.file, archive_sha256: written.sha256, archived_at: archivedAt })
      .where("capture_id", "=", captureId)
      .where("archived_at", "is", null)
      .executeTakeFirst();
    if (Number(recorded.numUpdatedRows) !== 1)
      throw new SpineError("PIPELINE_FAILED", `Capture ${captureId} was archived or removed meanwhile.`);
    const db = scope.db.withTables<Record<string, { capture_id: string }>>();
    for (const { table, rowCount } of raw.tables) {
      const deleted = await db.deleteFrom(table.name).where("capture_id", "=", captureId).executeTakeFirst();
      if (Number(deleted.numDeletedRows) !== rowCount)
        throw new SpineError(
          "PIPELINE_FAILED",
          `Capture ${captureId} changed while it was archived (${table.name}: ${rowCount} rows written, ${deleted.numDeletedRows} found): nothing was removed; run the archive again.`,
        );
    }
    if (raw.released !== null) {
      if ((await rawReleaseOf(scope, captureId)) === null)
        throw new SpineError(
          "PIPELINE_FAILED",
          `Capture ${captureId} was rebuilt meanwhile; run the archive again.`,
        );
      await forgetUnneededSources(scope, [raw.capture.source_sha256]);
    }
  });
}

function reportOf(raw: PendingCapture, written: WrittenArchive | null): ArchivedCapture {
  const capture: CaptureRow = raw.capture;
  return {
    domain: raw.captures.domain,
    captureId: capture.capture_id,
    partition: JSON.parse(capture.partition_key) as Record<string, unknown>,
    stage: capture.stage,
    rows: raw.released ?? Object.fromEntries(raw.tables.map(({ table, rowCount }) => [table.name, rowCount])),
    file: written?.file ?? null,
    sha256: written?.sha256 ?? null,
    bytes: written?.bytes ?? null,
  };
}

/**
 * Retention: moves the rows of every raw table (see CapturedTableDefinition.raw) of captures whose
 * partition is older than `before` into one compressed archive file per capture, named by its
 * sha256, and records the file on the capture. A capture whose rows were released (releaseRawRows)
 * is archived as its stored source, which then leaves the database unless an unarchived raw
 * capture still records it. Each file is written and synced to disk first; the
 * rows are deleted and the file recorded in one transaction after. Derived tables stay as they are.
 */
export async function archiveRawCaptures(
  database: SpineDatabase,
  domains: readonly DomainDefinition[],
  options: ArchiveRawOptions,
): Promise<ArchiveRawOutcome> {
  const { pending, alreadyArchived } = await rawCapturesBefore(database, domains, options.before);
  const dryRun = options.dryRun ?? false;
  const archived: ArchivedCapture[] = [];
  for (const raw of pending) {
    if (dryRun) {
      archived.push(reportOf(raw, null));
      continue;
    }
    const written = await writeArchiveOf(database, raw, options.archiveDirectory);
    await forgetRows(database, raw, written, (options.now?.() ?? new Date()).toISOString());
    archived.push(reportOf(raw, written));
  }
  return { before: options.before, dryRun, archived, alreadyArchived };
}
