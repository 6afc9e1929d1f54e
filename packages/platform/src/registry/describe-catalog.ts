import type { z } from "zod";
import type { CalculationDefinition } from "../calculations/define-calculation.js";
import type { ParameterDescription } from "../pipeline/inspect-schema.js";
import { describeParameters } from "../pipeline/inspect-schema.js";
import type { QueryColumn } from "../pipeline/query-columns.js";
import type { Registry } from "./create-registry.js";

/** A pipeline or query as `list` and `describe` present it. */
export interface CatalogEntry {
  readonly kind: "pipeline" | "query";
  readonly name: string;
  readonly description: string;
  /** `domain/stage` for staged pipelines, null otherwise. */
  readonly stage: string | null;
  readonly parameters: readonly ParameterDescription[];
  /** Every version of the calculations it computes or serves (`calc_version` picks one). */
  readonly calculations: readonly CalculationDefinition[];
  /** A query's output columns and their meanings (its data dictionary). */
  readonly columns: readonly QueryColumn[];
  /** Other names a query answers to. */
  readonly aliases: readonly string[];
}

/** The parts of a pipeline or query definition a description needs. */
interface Describable {
  readonly name: string;
  readonly description: string;
  readonly params: z.ZodType;
  readonly stage?: { readonly domain: string; readonly stage: string };
  readonly calculations?: readonly CalculationDefinition[];
  readonly columns?: readonly QueryColumn[];
  readonly aliases?: readonly string[];
}

function declarationsOf(entry: Describable) {
  return {
    calculations: entry.calculations ?? [],
    columns: entry.columns ?? [],
    aliases: entry.aliases ?? [],
  };
}

/** Describes one pipeline. */
export function describePipeline(pipeline: Describable): CatalogEntry {
  return {
    kind: "pipeline",
    name: pipeline.name,
    description: pipeline.description,
    stage: pipeline.stage ? `${pipeline.stage.domain}/${pipeline.stage.stage}` : null,
    parameters: describeParameters(pipeline.params),
    ...declarationsOf(pipeline),
  };
}

/** Describes one query. */
export function describeQuery(query: Describable): CatalogEntry {
  return {
    kind: "query",
    name: query.name,
    description: query.description,
    stage: null,
    parameters: describeParameters(query.params),
    ...declarationsOf(query),
  };
}

/** Every pipeline and query of the registry, sorted by name. */
export function describeCatalog(registry: Registry): { pipelines: CatalogEntry[]; queries: CatalogEntry[] } {
  return {
    pipelines: registry.listPipelines().map(describePipeline),
    queries: registry.listQueries().map(describeQuery),
  };
}
