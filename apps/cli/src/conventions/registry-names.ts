import type { Registry } from "@spine/platform";

/** `symbol_history` as typed on a command line: `symbol-history`. */
export function kebabCase(name: string): string {
  return name.replaceAll("_", "-");
}

/** `--week-ending` back to the declared `week_ending`. */
export function snakeCase(name: string): string {
  return name.replaceAll("-", "_");
}

function knownNames(registry: Registry): Set<string> {
  const pipelines = registry.listPipelines().map((pipeline) => pipeline.name);
  const queries = registry.listQueries().flatMap((query) => [query.name, ...(query.aliases ?? [])]);
  return new Set([...pipelines, ...queries]);
}

/**
 * The registry's name for what the user typed: domains declare snake_case names
 * (`otc.symbol_history`), and the command line also takes their kebab-case spelling
 * (`otc.symbol-history`). An unknown name is returned unchanged, so the registry's own NOT_FOUND
 * (with its suggestions) reports it.
 */
export function registryName(registry: Registry, typed: string): string {
  const known = knownNames(registry);
  if (known.has(typed)) return typed;
  const declared = snakeCase(typed);
  return known.has(declared) ? declared : typed;
}
