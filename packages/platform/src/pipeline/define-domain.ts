import type { z } from "zod";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { Logger } from "../logging/logger.js";
import type { MigrationDefinition } from "../migrations/define-migration.js";
import type { StageGraph } from "../stages/define-stage-graph.js";
import type { AnyPipelineDefinition } from "./pipeline-types.js";

/** Context of a read-only query. */
export interface QueryContext {
  readonly scope: SqlScope;
  readonly logger: Logger;
}

/** A named, parameterised read over a domain's tables (`spine query <name>`). */
export interface QueryDefinition<Schema extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly params: Schema;
  readonly run: (
    context: QueryContext,
    params: z.output<Schema>,
  ) => Promise<readonly Record<string, unknown>[]>;
}

/** A domain package's whole contribution to the platform. */
export interface DomainDefinition {
  readonly name: string;
  readonly description: string;
  /** Stage names in workflow order; re-running one invalidates the later ones of the same partition. */
  readonly stages: readonly string[];
  /** The stage graph the stages come from, when the domain declares one (partition, windows). */
  readonly graph?: StageGraph;
  readonly pipelines: readonly AnyPipelineDefinition[];
  readonly migrations: readonly MigrationDefinition[];
  readonly queries?: readonly AnyQueryDefinition[];
}

/** Declares a query; the object is returned frozen. */
export function defineQuery<Schema extends z.ZodType>(
  definition: QueryDefinition<Schema>,
): QueryDefinition<Schema> {
  return Object.freeze(definition);
}

/** What {@link defineDomain} takes: the stage names, or a stage graph that declares them. */
export type DomainInput = Omit<DomainDefinition, "stages" | "graph"> &
  (
    | { readonly stages: readonly string[]; readonly graph?: never }
    | { readonly graph: StageGraph; readonly stages?: never }
  );

/** Declares a domain, checking that every staged pipeline names one of its stages. */
export function defineDomain(input: DomainInput): DomainDefinition {
  const definition: DomainDefinition = input.graph ? { ...input, stages: input.graph.stages } : input;
  for (const pipeline of definition.pipelines) {
    const stage = pipeline.stage;
    if (stage && (stage.domain !== definition.name || !definition.stages.includes(stage.stage))) {
      throw new SpineError(
        "INTERNAL",
        `Pipeline ${pipeline.name} declares stage ${stage.domain}/${stage.stage}, which domain ${definition.name} does not list (stages: ${definition.stages.join(", ")}).`,
      );
    }
  }
  return Object.freeze(definition);
}

/** A query of any parameter schema (see {@link AnyPipelineDefinition} for why `any`). */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous registry
export type AnyQueryDefinition = QueryDefinition<any>;
