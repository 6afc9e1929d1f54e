import type { PipelineContext } from "@spine/platform";
import type { CaptureRow } from "../../database/otc-tables.js";
import type { CaptureDetails, CaptureStage } from "./captures.js";

/**
 * Details of a capture derived from `input`: it inherits the source identity so any capture can be
 * traced back to its file and revision without walking the input chain.
 */
export function derivedCaptureDetails(
  context: PipelineContext,
  input: CaptureRow,
  target: {
    stage: CaptureStage;
    variant: string;
    createdAt: string;
    calculation?: { readonly name: string; readonly version: string };
  },
): CaptureDetails {
  return {
    tier: input.tier,
    week_ending: input.week_ending,
    stage: target.stage,
    variant: target.variant,
    input_capture_id: input.capture_id,
    source_file: input.source_file,
    source_sha256: input.source_sha256,
    source_revision: input.source_revision,
    source_last_update_date: input.source_last_update_date,
    week_rule: input.week_rule,
    execution_id: context.executionId,
    batch_id: context.batchId,
    created_at: target.createdAt,
    calc_name: target.calculation?.name ?? null,
    calc_version: target.calculation?.version ?? null,
  };
}
