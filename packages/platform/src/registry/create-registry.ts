import { SpineError } from "../errors/spine-error.js";
import type { MigrationSet } from "../migrations/define-migration.js";
import { platformMigrations } from "../migrations/platform-migrations.js";
import type { AnyQueryDefinition, DomainDefinition } from "../pipeline/define-domain.js";
import type { AnyPipelineDefinition } from "../pipeline/pipeline-types.js";
import { closestNames } from "./closest-names.js";

/** The pipelines, queries and migrations of an explicit list of domains. */
export interface Registry {
  readonly domains: readonly DomainDefinition[];
  listPipelines(): readonly AnyPipelineDefinition[];
  listQueries(): readonly AnyQueryDefinition[];
  /** The pipeline called `name`; NOT_FOUND naming the closest names otherwise. */
  getPipeline(name: string): AnyPipelineDefinition;
  getQuery(name: string): AnyQueryDefinition;
  getDomain(name: string): DomainDefinition;
  /** Platform migrations first, then each domain's in registry order. */
  migrationSets(): readonly MigrationSet[];
}

function indexByName<T extends { name: string }>(items: readonly T[], kind: string): Map<string, T> {
  const index = new Map<string, T>();
  for (const item of items) {
    if (index.has(item.name))
      throw new SpineError("INTERNAL", `Duplicate ${kind} name "${item.name}" in the registry.`);
    index.set(item.name, item);
  }
  return index;
}

function lookup<T>(index: Map<string, T>, name: string, kind: string): T {
  const found = index.get(name);
  if (found) return found;
  const suggestions = closestNames(name, [...index.keys()]);
  const hint =
    suggestions.length > 0
      ? ` Did you mean ${suggestions.join(", ")}?`
      : ` Known: ${[...index.keys()].join(", ")}.`;
  throw new SpineError("NOT_FOUND", `Unknown ${kind} "${name}".${hint}`, {
    details: { [kind]: name, suggestions },
  });
}

/**
 * Builds the registry from domain modules passed explicitly (no import side effects, no global
 * state). Duplicate domain, pipeline or query names are refused here, at start-up.
 */
export function createRegistry(domains: readonly DomainDefinition[]): Registry {
  const domainIndex = indexByName(domains, "domain");
  const pipelines = indexByName(
    domains.flatMap((domain) => domain.pipelines),
    "pipeline",
  );
  const queryList = domains.flatMap((domain) => domain.queries ?? []);
  const queries = indexByName(
    queryList.flatMap((query) => [query, ...(query.aliases ?? []).map((name) => ({ ...query, name }))]),
    "query",
  );
  return {
    domains,
    listPipelines: () => [...pipelines.values()].sort((a, b) => a.name.localeCompare(b.name)),
    listQueries: () => [...queryList].sort((a, b) => a.name.localeCompare(b.name)),
    getPipeline: (name) => lookup(pipelines, name, "pipeline"),
    getQuery: (name) => lookup(queries, name, "query"),
    getDomain: (name) => lookup(domainIndex, name, "domain"),
    migrationSets: () => [
      platformMigrations,
      ...domains.map((domain) => ({ owner: domain.name, migrations: domain.migrations })),
    ],
  };
}
