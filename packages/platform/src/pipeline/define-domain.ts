import type { z } from "zod";
import type { CalculationDefinition, CalculationRegistry } from "../calculations/define-calculation.js";
import type { CapturesDefinition } from "../captures/define-captures.js";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { Logger } from "../logging/logger.js";
import type { MigrationDefinition } from "../migrations/define-migration.js";
import type { SourceIdentification } from "../sources/scan-source-directory.js";
import type { StageGraph } from "../stages/define-stage-graph.js";
import type { AnyPipelineDefinition } from "./pipeline-types.js";
import type { QueryChart } from "./query-chart.js";
import type { QueryColumn } from "./query-columns.js";
import { shapeRows } from "./query-columns.js";

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
  /** Other names it answers to (e.g. the name a runbook uses), listed by `spine describe`. */
  readonly aliases?: readonly string[];
  /** The columns of every row it returns, in order, each with its meaning. */
  readonly columns?: readonly QueryColumn[];
  /** Every version of the calculations whose rows it serves (chosen with `calc_version`). */
  readonly calculations?: readonly CalculationDefinition[];
  /** How a dashboard draws its rows, when it is worth a chart. */
  readonly chart?: QueryChart;
  readonly run: (
    context: QueryContext,
    params: z.output<Schema>,
  ) => Promise<readonly Record<string, unknown>[]>;
  /** Why an empty answer is empty, in lines for a person (what is loaded, a likely typo). */
  readonly explainEmpty?: (context: QueryContext, params: z.output<Schema>) => Promise<readonly string[]>;
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
  /** Every version of the domain's calculations; pipelines and queries may only name these. */
  readonly calculations?: CalculationRegistry;
  /** The domain's captures and captured tables, when it keeps captures (retention reads its raw tables). */
  readonly captures?: CapturesDefinition;
  /** How `spine load <files or folders>` loads the domain's files through every stage. */
  readonly load?: DomainLoad;
}

/**
 * A domain's answer to "load these files": the pipeline that takes a file or folder through every
 * stage (a backfill), the parameter naming that path, and how the domain recognises its files.
 */
export interface DomainLoad {
  readonly pipeline: string;
  readonly sourceParameter: string;
  // biome-ignore lint/suspicious/noExplicitAny: each domain identifies files as its own type
  readonly sources: SourceIdentification<any>;
}

/** Declares a query; the object is returned frozen. Declared columns shape its rows (see shapeRows). */
export function defineQuery<Schema extends z.ZodType>(
  definition: QueryDefinition<Schema>,
): QueryDefinition<Schema> {
  const { columns, run } = definition;
  if (!columns) return Object.freeze(definition);
  return Object.freeze({
    ...definition,
    run: async (context: QueryContext, params: z.output<Schema>) =>
      shapeRows(columns, await run(context, params)),
  });
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
  checkCalculationsDeclared(definition);
  const load = definition.load;
  if (load && !definition.pipelines.some((pipeline) => pipeline.name === load.pipeline)) {
    throw new SpineError(
      "INTERNAL",
      `Domain ${definition.name} loads files with ${load.pipeline}, which it does not define.`,
    );
  }
  return Object.freeze(definition);
}

function checkCalculationsDeclared(definition: DomainDefinition): void {
  const declared = new Set(definition.calculations?.all ?? []);
  const users = [...definition.pipelines, ...(definition.queries ?? [])];
  for (const user of users) {
    const unknown = (user.calculations ?? []).filter((calculation) => !declared.has(calculation));
    if (unknown.length > 0) {
      const names = unknown.map((calculation) => `${calculation.name} ${calculation.version}`);
      throw new SpineError(
        "INTERNAL",
        `${user.name} names calculations domain ${definition.name} does not declare: ${names.join(", ")}`,
      );
    }
  }
}

/** A query of any parameter schema (see {@link AnyPipelineDefinition} for why `any`). */
// biome-ignore lint/suspicious/noExplicitAny: heterogeneous registry
export type AnyQueryDefinition = QueryDefinition<any>;
