import { SpineError } from "../errors/spine-error.js";
import type { AnyPipelineDefinition } from "../pipeline/pipeline-types.js";
import { formatParameterIssues, validateParams } from "../pipeline/validate-params.js";

/** Validates parameters or throws one VALIDATION error listing every invalid parameter. */
export function validateOrThrow(
  pipeline: AnyPipelineDefinition,
  rawParams: Readonly<Record<string, unknown>>,
): unknown {
  const validated = validateParams(pipeline.params, rawParams);
  if (validated.ok) return validated.value;
  throw new SpineError(
    "VALIDATION",
    `Invalid parameters for ${pipeline.name}:\n${formatParameterIssues(validated.issues)}`,
    { details: { pipeline: pipeline.name, issues: validated.issues } },
  );
}
