import type { RowSample } from "../captures/row-sample.js";
import { createRowSampler, rowValuesHash } from "../captures/row-sample.js";
import type { HeldRows } from "../database/encoded-rows.js";
import { heldRowCount, joinHeldRows } from "../database/encoded-rows.js";
import type { SqlScope } from "../database/spine-database.js";
import type { HeaderColumnSpecs, HeaderSpec, ParsedHeader } from "../sources/header-spec.js";
import { readLineBatches } from "../sources/read-lines.js";
import type {
  DelimitedRowMapping,
  IngestCounts,
  IngestRowBatch,
  LineRejection,
} from "./delimited-line-converter.js";
import { createDelimitedLineConverter } from "./delimited-line-converter.js";
import { createInsertQueue } from "./insert-queue.js";
import type { RecordHasher } from "./record-hasher.js";
import { createRecordHasher } from "./record-hasher.js";
import type { SideWrite } from "./side-write.js";

/** What {@link ingestDelimitedFile} loads, and how it reports progress. */
export interface IngestDelimitedFileOptions<Columns extends HeaderColumnSpecs> {
  readonly path: string;
  readonly header: HeaderSpec<Columns>;
  readonly mapping: DelimitedRowMapping<Columns>;
  /** Called with the data rows read so far, every `progressEvery` rows (default 50,000). */
  readonly onProgress?: (rowsRead: number) => void;
  readonly progressEvery?: number;
  /**
   * Also takes a hash sample of one target's rows over these columns (see captures/row-sample.ts)
   * as they are read (once hashed, before their insert), for a republication check that then need
   * not read them back.
   */
  readonly sample?: { readonly table: string; readonly columns: readonly string[] };
  /**
   * Other writes of the same load (a source's compressed bytes, say), each run on the scope as
   * soon as it is ready, between two row inserts, so the backend does it while lines are still
   * being parsed instead of after them; one not ready when the last rows are inserted runs after
   * them. A write that fails (or whose promise rejects) fails the ingest.
   */
  readonly writesAlongside?: ReadonlyArray<Promise<SideWrite>>;
}

/** The outcome of {@link ingestDelimitedFile}. */
export interface IngestDelimitedFileResult<Columns extends HeaderColumnSpecs> {
  readonly counts: Readonly<IngestCounts>;
  /** Rows inserted over every target. */
  readonly written: number;
  readonly rejectedLines: readonly LineRejection[];
  /** The parsed header; null for a file with no line but blank ones. */
  readonly header: ParsedHeader<Columns> | null;
  /** The sample asked for by `options.sample`. */
  readonly sample?: RowSample;
}

// Where the sampled target sits, and its compared columns.
interface SampledTarget {
  readonly index: number;
  readonly positions: readonly number[];
  readonly sampler: ReturnType<typeof createRowSampler>;
}

/** A batch waiting for its insert: per target, in the held form once its record keys are hashed. */
interface HeldBatch {
  readonly rowCount: number;
  readonly parts: Promise<readonly HeldRows[]>;
}

function holdBatch(
  scope: SqlScope,
  hasher: RecordHasher | null,
  batch: IngestRowBatch,
  sampled: SampledTarget | null,
): HeldBatch {
  const rowCount = batch.reduce((sum, rows) => sum + rows.length, 0);
  const hold = () =>
    batch.map((rows, index) => {
      if (sampled?.index === index)
        for (const row of rows) sampled.sampler.addHash(rowValuesHash(row, sampled.positions));
      return scope.sql.holdRows(rows);
    });
  if (hasher === null) return { rowCount, parts: Promise.resolve(hold()) };
  const parts = Promise.all(batch.map((rows) => hasher.hashLastColumn(rows))).then(hold);
  // Awaited by the insert that takes this batch: never an unhandled rejection in between.
  parts.catch(() => {});
  return { rowCount, parts };
}

// While the server still works on the last insert (a COPY of 10,000 rows into a keyed table, or a
// write alongside the rows before it), lines are read on instead of waiting, up to this
// many bulk inserts' worth of rows held; the next insert then takes them all. On PostgreSQL that
// is about 16 MB of COPY text held, and as much again in the COPY in flight. A backend inserting
// in process (SQLite) never waits on a server, so it never reads ahead.
const readAheadInserts = 16;

function readsAhead(insertRunning: boolean, heldRows: number, scope: SqlScope): boolean {
  const { insertsWaitOnServer, bulkInsertRows } = scope.sql;
  return insertsWaitOnServer && insertRunning && heldRows < readAheadInserts * bulkInsertRows;
}

/**
 * Streams a delimited file into a domain's tables: lines are read in 64 KB batches, mapped by
 * the domain (see {@link DelimitedRowMapping}), their record keys hashed when the mapping asks (on
 * a worker thread for large batches, see {@link createRecordHasher}) while this thread inserts the
 * previous batch with `scope.bulkInsert` and parses the next; a backend whose calls cost a round
 * trip gets them gathered into calls of `scope.sql.bulkInsertRows` rows or more (up to 16 times as
 * many, read while the server was still busy with the previous call). Every line is accounted
 * for (see {@link IngestCounts}).
 */
export async function ingestDelimitedFile<Columns extends HeaderColumnSpecs>(
  scope: SqlScope,
  options: IngestDelimitedFileOptions<Columns>,
): Promise<IngestDelimitedFileResult<Columns>> {
  const { targets } = options.mapping;
  // First: from here on a side write that fails before it runs is handled, whatever throws next.
  const inserts = createInsertQueue(scope, createBatchInsert(scope, targets), options.writesAlongside ?? []);
  const converter = createDelimitedLineConverter(options);
  const progressEvery = options.progressEvery ?? 50_000;
  const hasher = options.mapping.hashRecordKeys === true ? createRecordHasher() : null;
  const sampled = sampledTarget(options);
  let reported = 0;
  // Batches read but not inserted yet: the last one is still being hashed while the others are
  // inserted, once they hold the backend's worthwhile bulk size (scope.sql.bulkInsertRows) and the
  // insert before them has ended or they reach the read-ahead cap.
  let held: HeldBatch[] = [];
  let heldRows = 0;
  let written = 0;
  try {
    for await (const lines of readLineBatches(options.path)) {
      const current = holdBatch(scope, hasher, converter.convert(lines), sampled);
      if (heldRows >= scope.sql.bulkInsertRows && !readsAhead(inserts.busy(), heldRows, scope)) {
        await inserts.send(held);
        [held, heldRows] = [[], 0];
      }
      held.push(current);
      heldRows += current.rowCount;
      if (converter.counts.rowsRead - reported >= progressEvery) {
        reported = converter.counts.rowsRead;
        options.onProgress?.(reported);
      }
    }
    if (held.length > 0) await inserts.send(held);
    written = await inserts.drain();
  } finally {
    // Nothing may still be writing through the scope once this returns or throws.
    await inserts.settle();
    await hasher?.close();
  }
  return {
    counts: converter.counts,
    written,
    rejectedLines: converter.rejectedLines,
    header: converter.header(),
    ...(sampled ? { sample: sampled.sampler.finish() } : {}),
  };
}

// Inserts held batches target by target, once their record keys are hashed.
function createBatchInsert(scope: SqlScope, targets: DelimitedRowMapping<HeaderColumnSpecs>["targets"]) {
  return async (held: readonly HeldBatch[]): Promise<number> => {
    const batches = await Promise.all(held.map((entry) => entry.parts));
    let inserted = 0;
    for (const [index, target] of targets.entries()) {
      const parts = batches.map((parts) => parts[index] ?? []);
      // A target with no rows in these batches costs no call (on PostgreSQL, no empty COPY).
      if (parts.every((part) => heldRowCount(part) === 0)) continue;
      inserted += await scope.bulkInsert(target.table, target.columns, joinHeldRows(parts));
    }
    return inserted;
  };
}

// Which target is sampled, where its compared columns sit in its rows, and the sampler.
function sampledTarget<Columns extends HeaderColumnSpecs>(
  options: IngestDelimitedFileOptions<Columns>,
): SampledTarget | null {
  if (!options.sample) return null;
  const { table, columns } = options.sample;
  const index = options.mapping.targets.findIndex((target) => target.table === table);
  const target = options.mapping.targets[index];
  const positions = columns.map((column) => target?.columns.indexOf(column) ?? -1);
  if (target === undefined || positions.includes(-1))
    throw new Error(
      `ingestDelimitedFile: cannot sample ${table} (${columns.join(", ")}): not a target's columns`,
    );
  return { index, positions, sampler: createRowSampler() };
}
