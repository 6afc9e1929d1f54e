import { z } from "zod";
import { SpineError } from "../errors/spine-error.js";
import type { CalculationDefinition, CalculationRegistry } from "./define-calculation.js";

/** Which version of each of a stage's calculations a run computes, and where it stores them. */
export interface CalculationChoice {
  /** The version asked for, or null for the current ones. */
  readonly requested: string | null;
  /** Each calculation's chosen definition, by name. */
  readonly chosen: ReadonlyMap<string, CalculationDefinition>;
  /** Names whose chosen version is not the current one: only these are written beside the current ones. */
  readonly changed: readonly string[];
  /** The capture variant suffix (`calc_v2`), or null when every chosen version is current. */
  readonly variant: string | null;
}

/** The capture variant that holds a non-current calculation version's rows. */
export function calculationVariant(version: string): string {
  return `calc_${version}`;
}

/** Every version label the named calculations have, sorted. */
export function calculationVersionsOf(registry: CalculationRegistry, names: readonly string[]): string[] {
  return [...new Set(registry.select(names).map((definition) => definition.version))].sort();
}

/**
 * The `calc_version` parameter of a stage or query computing or reading `names`: optional (the
 * current version of each calculation), its allowed values listed by `spine describe`.
 */
export function calculationVersionParam(registry: CalculationRegistry, names: readonly string[]) {
  const [first = "v1", ...others] = calculationVersionsOf(registry, names);
  const listing = names
    .map((name) => `${name}: ${registry.versionsOf(name).map(labelOf).join(", ")}`)
    .join("; ");
  return z
    .enum([first, ...others])
    .optional()
    .describe(`calculation version (default: the current one; ${listing})`);
}

function labelOf(definition: CalculationDefinition): string {
  return definition.current ? `${definition.version} (current)` : definition.version;
}

/**
 * Resolves `requested` for the calculations `names`: each takes that version when it has one and
 * its current version otherwise. A version none of them has is a usage error naming the versions.
 */
export function chooseCalculations(
  registry: CalculationRegistry,
  names: readonly string[],
  requested: string | null | undefined,
): CalculationChoice {
  const chosen = new Map<string, CalculationDefinition>();
  for (const name of names) {
    const versions = registry.versionsOf(name);
    const asked = requested ? versions.find((version) => version.version === requested) : undefined;
    chosen.set(name, asked ?? registry.current(name));
  }
  if (requested && ![...chosen.values()].some((definition) => definition.version === requested)) {
    const known = calculationVersionsOf(registry, names);
    throw new SpineError(
      "VALIDATION",
      `No calculation of ${names.join(", ")} has version ${requested}; known versions: ${known.join(", ")}`,
      { details: { calc_version: requested, known_versions: known } },
    );
  }
  const changed = names.filter((name) => !chosen.get(name)?.current);
  return {
    requested: requested && changed.length > 0 ? requested : null,
    chosen,
    changed,
    variant: requested && changed.length > 0 ? calculationVariant(requested) : null,
  };
}
