import { SpineError } from "../errors/spine-error.js";
import type { PipelineDefinition } from "../pipeline/pipeline-types.js";
import { formatParameterIssues, validateParams } from "../pipeline/validate-params.js";

/** Validates parameters or throws one VALIDATION error listing every invalid parameter. */
export function validateOrThrow(pipeline: PipelineDefinition<any>, rawParams: Readonly<Record<string, unknown>>): unknown {
  const validated = validateParams(pipeline.params, rawParams);
  if (validated.ok) return validated.value;
  throw new SpineError(
    "VALIDATION",
    `Invalid parameters for ${pipeline.name}:\n${formatParameterIssues(validated.issues)}`,
    { details: { pipeline: pipeline.name, issues: validated.issues } },
  );
}
