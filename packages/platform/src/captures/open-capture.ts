import type { Kysely } from "kysely";
import { canonicalJson } from "../database/canonical-json.js";
import type { CoreTables } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import type { PartitionKey, PipelineContext } from "../pipeline/pipeline-types.js";
import type { CapturesDefinition } from "./define-captures.js";

/** Where a capture's data came from; derived captures inherit it from their input. */
export interface CaptureSource {
  readonly file: string | null;
  readonly sha256: string | null;
  readonly revision: number | null;
  /** When the publisher released the data (for FINRA, the file's lastUpdateDate). */
  readonly publicationDate: string | null;
}

/** Everything a new capture records besides its id, number and row count. */
export interface NewCapture {
  readonly partition: PartitionKey;
  readonly stage: string;
  /** Side-by-side outputs of one stage (e.g. one per window length); `default` otherwise. */
  readonly variant?: string;
  /** Ids of the captures read, the primary input (whose source identity is inherited) first. */
  readonly inputs?: readonly string[];
  readonly calculation?: { readonly name: string; readonly version: string } | null;
  readonly source?: CaptureSource | null;
  /** A domain's extra lineage (stored as JSON), e.g. the rule that fixed an ingested file's week. */
  readonly details?: Readonly<Record<string, unknown>> | null;
  readonly createdAt: string;
}

type Scope = Pick<PipelineContext, "scope" | "executionId" | "batchId">;

async function highestNumber(db: Kysely<CoreTables>, key: NumberKey): Promise<number> {
  const counter = await db
    .selectFrom("core_capture_numbers")
    .select("last_number")
    .where("domain", "=", key.domain)
    .where("partition_key", "=", key.partition_key)
    .where("stage", "=", key.stage)
    .where("variant", "=", key.variant)
    .executeTakeFirst();
  // Captures written without a counter (older databases, test fixtures) still count.
  const stored = await db
    .selectFrom("core_captures")
    .select((expression) => expression.fn.max("capture_number").as("highest"))
    .where("domain", "=", key.domain)
    .where("partition_key", "=", key.partition_key)
    .where("stage", "=", key.stage)
    .where("variant", "=", key.variant)
    .executeTakeFirst();
  return Math.max(Number(counter?.last_number ?? 0), Number(stored?.highest ?? 0));
}

interface NumberKey {
  readonly domain: string;
  readonly partition_key: string;
  readonly stage: string;
  readonly variant: string;
}

// The counter only grows, so a number freed by a rollback is never handed out again: an id seen
// in a log or a report always means the same data.
async function nextNumber(db: Kysely<CoreTables>, key: NumberKey): Promise<number> {
  const next = (await highestNumber(db, key)) + 1;
  await db
    .insertInto("core_capture_numbers")
    .values({ ...key, last_number: next })
    .onConflict((conflict) =>
      conflict.columns(["domain", "partition_key", "stage", "variant"]).doUpdateSet({ last_number: next }),
    )
    .execute();
  return next;
}

/**
 * The latest publication date among a capture's own source and everything it read: the date from
 * which its rows could have been known. ISO dates compare as text.
 */
async function knowableDateOf(
  db: Kysely<CoreTables>,
  publicationDate: string | null,
  inputs: readonly string[],
): Promise<string | null> {
  let knowable = publicationDate;
  for (let start = 0; start < inputs.length; start += 500) {
    const row = await db
      .selectFrom("core_captures")
      .select((expression) => expression.fn.max("knowable_date").as("latest"))
      .where("capture_id", "in", inputs.slice(start, start + 500))
      .executeTakeFirst();
    const latest = (row?.latest as string | null | undefined) ?? null;
    if (latest !== null && (knowable === null || latest > knowable)) knowable = latest;
  }
  return knowable;
}

/**
 * Opens a new capture and returns its id, `stage:<partition label>:[variant:]n`: a forced
 * recompute adds one and keeps the old ones. Its row count starts at 0 (see setCaptureRowCount).
 * It records its knowable date: the latest publication date among its source and every input
 * (a window's inputs included), so list every capture read in `inputs`.
 */
export async function openCapture(
  context: Scope,
  captures: CapturesDefinition,
  capture: NewCapture,
): Promise<string> {
  const db = context.scope.db;
  const variant = capture.variant ?? "default";
  const key = {
    domain: captures.domain,
    partition_key: canonicalJson(capture.partition),
    stage: capture.stage,
    variant,
  };
  const captureNumber = await nextNumber(db, key);
  const variantPart = variant === "default" ? "" : `${variant}:`;
  const captureId = `${capture.stage}:${captures.partitionLabel(capture.partition)}:${variantPart}${captureNumber}`;
  const inputs = capture.inputs ?? [];
  const publicationDate = capture.source?.publicationDate ?? null;
  await db
    .insertInto("core_captures")
    .values({
      ...key,
      capture_id: captureId,
      capture_number: captureNumber,
      input_capture_id: inputs[0] ?? null,
      calc_name: capture.calculation?.name ?? null,
      calc_version: capture.calculation?.version ?? null,
      source_file: capture.source?.file ?? null,
      source_sha256: capture.source?.sha256 ?? null,
      source_revision: capture.source?.revision ?? null,
      publication_date: publicationDate,
      knowable_date: await knowableDateOf(db, publicationDate, inputs),
      details: capture.details ? JSON.stringify(capture.details) : null,
      row_count: 0,
      execution_id: context.executionId,
      batch_id: context.batchId,
      created_at: capture.createdAt,
    })
    .execute();
  if (inputs.length > 0) {
    await db
      .insertInto("core_capture_inputs")
      .values(inputs.map((input, position) => ({ capture_id: captureId, position, input_capture_id: input })))
      .execute();
  }
  return captureId;
}

/** Records how many rows a capture holds once its stage has written them. */
export async function setCaptureRowCount(
  scope: SqlScope,
  captureId: string,
  rowCount: number,
): Promise<void> {
  await scope.db
    .updateTable("core_captures")
    .set({ row_count: rowCount })
    .where("capture_id", "=", captureId)
    .execute();
}
