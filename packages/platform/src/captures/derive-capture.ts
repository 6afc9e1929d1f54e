import type { CaptureRow } from "../database/core-tables.js";
import type { PipelineContext } from "../pipeline/pipeline-types.js";
import { assertRawRowsPresent } from "../retention/archived-capture-guard.js";
import { rebuildReleasedRawRows } from "../retention/raw-release.js";
import type { CapturesDefinition } from "./define-captures.js";
import { captureDetails, partitionOfCapture } from "./find-capture.js";
import type { NewCapture } from "./open-capture.js";
import { openCapture } from "./open-capture.js";

/** What a derived capture says about itself; the rest comes from its input. */
export interface DerivedCaptureTarget {
  readonly stage: string;
  readonly variant?: string;
  readonly createdAt: string;
  readonly calculation?: { readonly name: string; readonly version: string };
  /** Further captures read besides the input (e.g. the other weeks of a rolling window). */
  readonly otherInputs?: readonly string[];
}

/**
 * A capture derived from `input`: same partition, and it inherits the source identity and details
 * so any capture can be traced to its file and revision without walking the input chain.
 */
export function derivedCapture(input: CaptureRow, target: DerivedCaptureTarget): NewCapture {
  const otherInputs = (target.otherInputs ?? []).filter((id) => id !== input.capture_id);
  return {
    partition: partitionOfCapture(input),
    stage: target.stage,
    variant: target.variant ?? "default",
    inputs: [input.capture_id, ...otherInputs],
    calculation: target.calculation ?? null,
    source: {
      file: input.source_file,
      sha256: input.source_sha256,
      revision: input.source_revision,
      publicationDate: input.publication_date,
    },
    details: input.details === null ? null : captureDetails(input),
    createdAt: target.createdAt,
  };
}

/**
 * Opens a capture derived from `input` (see {@link derivedCapture}) and returns its id. An input
 * whose raw rows were released is rebuilt from its stored source first; one whose raw rows were
 * archived is refused, since the stage would read none of them.
 */
export async function openDerivedCapture(
  context: Pick<PipelineContext, "scope" | "executionId" | "batchId">,
  captures: CapturesDefinition,
  input: CaptureRow,
  target: DerivedCaptureTarget,
): Promise<string> {
  await rebuildReleasedRawRows(context.scope, captures, input);
  await assertRawRowsPresent(context.scope, input.capture_id, { lock: true });
  return openCapture(context, captures, derivedCapture(input, target));
}
