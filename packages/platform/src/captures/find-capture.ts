import { canonicalJson } from "../database/canonical-json.js";
import type { CaptureRow } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { PartitionKey } from "../pipeline/partition.js";
import { closestNames } from "../registry/closest-names.js";
import type { CapturesDefinition } from "./define-captures.js";

/** The newest capture of a partition's stage (and variant), or null when there is none. */
export async function findLatestCapture(
  scope: SqlScope,
  captures: CapturesDefinition,
  target: { readonly partition: PartitionKey; readonly stage: string; readonly variant?: string },
): Promise<CaptureRow | null> {
  const row = await scope.db
    .selectFrom("core_captures_latest")
    .selectAll()
    .where("domain", "=", captures.domain)
    .where("partition_key", "=", canonicalJson(target.partition))
    .where("stage", "=", target.stage)
    .where("variant", "=", target.variant ?? "default")
    .executeTakeFirst();
  return row ?? null;
}

/** A capture of the domain by id; NOT_FOUND names the closest existing ids. */
export async function findCapture(
  scope: SqlScope,
  captures: CapturesDefinition,
  captureId: string,
): Promise<CaptureRow> {
  const capture = await scope.db
    .selectFrom("core_captures")
    .selectAll()
    .where("domain", "=", captures.domain)
    .where("capture_id", "=", captureId)
    .executeTakeFirst();
  if (capture) return capture;
  const known = await scope.db
    .selectFrom("core_captures")
    .select("capture_id")
    .where("domain", "=", captures.domain)
    .execute();
  const suggestions = closestNames(
    captureId,
    known.map((row) => row.capture_id),
  );
  const hint =
    suggestions.length > 0
      ? `; did you mean ${suggestions.join(" or ")}?`
      : `; list captures with ${captures.domain}.captures`;
  throw new SpineError("NOT_FOUND", `Capture ${captureId} does not exist${hint}`, {
    details: { capture_id: captureId, suggestions },
  });
}

/** The partition a capture belongs to, decoded from its canonical key. */
export function partitionOfCapture(capture: Pick<CaptureRow, "partition_key">): PartitionKey {
  return JSON.parse(capture.partition_key) as PartitionKey;
}

/** The domain's extra lineage of a capture (see NewCapture.details); empty when none was stored. */
export function captureDetails(capture: Pick<CaptureRow, "details">): Readonly<Record<string, unknown>> {
  return capture.details === null ? {} : (JSON.parse(capture.details) as Record<string, unknown>);
}

/**
 * The newest capture of a partition's stage, or NOT_FOUND naming the partition and what to run
 * first (`hint`, e.g. `run ats.normalize_week first`).
 */
export async function requireLatestCapture(
  scope: SqlScope,
  captures: CapturesDefinition,
  target: {
    readonly partition: PartitionKey;
    readonly stage: string;
    readonly variant?: string;
    readonly hint: string;
  },
): Promise<CaptureRow> {
  const capture = await findLatestCapture(scope, captures, target);
  if (capture) return capture;
  const partition = captures.graph.partition.describe(target.partition);
  throw new SpineError(
    "NOT_FOUND",
    `No ${target.stage} capture for ${captures.domain} ${partition}: ${target.hint}.`,
    {
      details: { ...target.partition, stage: target.stage },
    },
  );
}
