import type { Kysely } from "kysely";
import { pageByKey } from "../database/page-by-key.js";
import type { SqlScope } from "../database/spine-database.js";
import type { RowSample } from "./row-sample.js";
import {
  createRowSampler,
  decodeSampleHashes,
  encodeSampleHashes,
  estimateMatchingRows,
  rowValuesHash,
} from "./row-sample.js";

/** How many of a capture's rows another capture holds as well (equal in every compared column). */
export interface MatchingRows {
  readonly captureId: string;
  readonly matching: number;
}

/** What {@link countMatchingRows} compares. */
export interface MatchingRowsTarget {
  readonly table: string;
  readonly captureId: string;
  readonly candidates: readonly string[];
  readonly columns: readonly string[];
  /** A numeric column unique within a capture, to read a capture in pages; `line_number` unless given. */
  readonly keyColumn?: string;
  /** The new capture's sample when its writer took one (ingestDelimitedFile's `sample`): not read back. */
  readonly sample?: RowSample;
}

type Row = Record<string, unknown>;

const rowKeyHash = (row: Row, columns: readonly string[]) =>
  rowValuesHash(columns.map((column) => row[column]));

// A capture's rows in pages by (capture_id, key column): the primary key's order on both backends,
// so each page is a range read and the whole capture is read once.
function capturePages(db: Kysely<Record<string, Row>>, target: MatchingRowsTarget, captureId: string) {
  const key = target.keyColumn ?? "line_number";
  const readPage = (after: number, size: number) =>
    db
      .selectFrom(target.table)
      .select([...target.columns, key])
      .where("capture_id", "=", captureId)
      .where(key, ">", after)
      .orderBy(key)
      .limit(size)
      .execute();
  return pageByKey(readPage, (row) => Number(row[key]));
}

// The stored sample of each capture over these columns; a capture without one (loaded before
// samples existed) is read once and its sample stored.
async function samplesOf(
  scope: SqlScope,
  target: MatchingRowsTarget,
  captureIds: readonly string[],
): Promise<Map<string, RowSample>> {
  const columns = target.columns.join(" ");
  const stored = await scope.db
    .selectFrom("core_capture_row_samples")
    .select(["capture_id", "level", "row_count", "hashes"])
    .where("capture_id", "in", captureIds)
    .where("columns", "=", columns)
    .execute();
  const samples = new Map<string, RowSample>();
  for (const row of stored)
    samples.set(row.capture_id, {
      level: Number(row.level),
      rowCount: Number(row.row_count),
      hashes: decodeSampleHashes(row.hashes),
    });
  const db = scope.db as unknown as Kysely<Record<string, Row>>;
  for (const captureId of captureIds) {
    if (samples.has(captureId)) continue;
    const given = captureId === target.captureId ? target.sample : undefined;
    const sample = given ?? (await readSample(db, target, captureId));
    await scope.db
      .insertInto("core_capture_row_samples")
      .values({
        capture_id: captureId,
        columns,
        level: sample.level,
        row_count: sample.rowCount,
        hashes: encodeSampleHashes(sample.hashes),
      })
      .execute();
    samples.set(captureId, sample);
  }
  return samples;
}

async function readSample(db: Kysely<Record<string, Row>>, target: MatchingRowsTarget, captureId: string) {
  const sampler = createRowSampler();
  for await (const page of capturePages(db, target, captureId))
    for (const row of page) sampler.addHash(rowKeyHash(row, target.columns));
  return sampler.finish();
}

/**
 * Counts, per candidate capture, the rows of `captureId` in `table` that the candidate holds with
 * equal values in every one of `columns` (each candidate row pairs with at most one row): a new
 * partition whose rows nearly all match an older one's is likely the same data under another name
 * (a republication placed under a new date). Each capture is read once in its life: its hash
 * sample (at most about 8,000 hashes, see row-sample.ts) is stored, and later checks compare
 * samples, so a check costs the new capture's rows plus a few kilobytes per candidate however many
 * partitions are loaded. Exact for captures of up to 8,192 rows, an unbiased estimate beyond.
 * Table and column names come from declarations, never users.
 */
export async function countMatchingRows(
  scope: SqlScope,
  target: MatchingRowsTarget,
): Promise<MatchingRows[]> {
  // The new capture's sample is stored even without candidates: later partitions compare with it.
  if (target.columns.length === 0) return [];
  const samples = await samplesOf(scope, target, [target.captureId, ...target.candidates]);
  const capture = samples.get(target.captureId);
  const results: MatchingRows[] = [];
  for (const candidate of target.candidates) {
    const sample = samples.get(candidate);
    const matching = capture && sample ? estimateMatchingRows(capture, sample) : 0;
    if (matching > 0)
      results.push({ captureId: candidate, matching: Math.min(matching, capture?.rowCount ?? 0) });
  }
  return results;
}
