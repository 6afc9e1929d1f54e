import type { z } from "zod";
import { SpineError } from "../errors/spine-error.js";
import type { PipelineDefinition } from "./pipeline-types.js";

const pipelineNamePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Declares a pipeline. Returns the same plain object, frozen; nothing is registered anywhere:
 * a domain lists its pipelines in {@link defineDomain} and the registry is built from domains.
 */
export function definePipeline<Schema extends z.ZodType>(
  definition: PipelineDefinition<Schema>,
): PipelineDefinition<Schema> {
  if (!pipelineNamePattern.test(definition.name)) {
    throw new SpineError(
      "INTERNAL",
      `Pipeline name "${definition.name}" must look like "domain.snake_name".`,
    );
  }
  return Object.freeze(definition);
}
