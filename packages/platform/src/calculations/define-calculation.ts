import { SpineError } from "../errors/spine-error.js";

/** One version of a named calculation, e.g. `liquidity_score` v2. */
export interface CalculationDefinition {
  /** Snake-case name stored with every row the calculation writes (`calc_name`). */
  readonly name: string;
  /** Version label stored with every row (`calc_version`), e.g. `v1`. */
  readonly version: string;
  /** What it computes and how it differs from the other versions, for `spine describe`. */
  readonly description: string;
  /** The version computed and served when none is asked for; exactly one per name. */
  readonly current?: boolean;
}

const namePattern = /^[a-z][a-z0-9_]*$/;
const versionPattern = /^[a-z0-9][a-z0-9_]*$/;

/**
 * Declares one version of a calculation. Bump the version whenever the output could differ: a new
 * version lives beside the old one (its own capture variant) instead of silently changing numbers.
 */
export function defineCalculation(definition: CalculationDefinition): CalculationDefinition {
  if (!namePattern.test(definition.name) || !versionPattern.test(definition.version)) {
    throw new SpineError(
      "INTERNAL",
      `Calculation ${JSON.stringify(definition.name)} version ${JSON.stringify(definition.version)} must be lower-case snake case`,
    );
  }
  return Object.freeze({ ...definition, current: definition.current ?? false });
}

/** A domain's calculations, every version of each, as {@link defineCalculations} returns them. */
export interface CalculationRegistry {
  readonly all: readonly CalculationDefinition[];
  /** The versions of one calculation, in declaration order; throws for an unknown name (a bug). */
  versionsOf(name: string): readonly CalculationDefinition[];
  /** The current version of one calculation. */
  current(name: string): CalculationDefinition;
  /** Every version of the named calculations, for a pipeline's or query's declaration. */
  select(names: readonly string[]): readonly CalculationDefinition[];
}

function checkOneCurrent(name: string, versions: readonly CalculationDefinition[]): void {
  const current = versions.filter((version) => version.current);
  if (current.length !== 1) {
    throw new SpineError(
      "INTERNAL",
      `Calculation ${name} needs exactly one current version, has ${current.length}`,
    );
  }
  const labels = versions.map((version) => version.version);
  if (new Set(labels).size !== labels.length) {
    throw new SpineError("INTERNAL", `Calculation ${name} declares a version twice: ${labels.join(", ")}`);
  }
}

/**
 * Declares a domain's calculations (several versions of one name allowed, one of them current).
 * The registry is a plain value the domain owns and passes to defineDomain; nothing is global.
 */
export function defineCalculations(definitions: readonly CalculationDefinition[]): CalculationRegistry {
  const byName = new Map<string, CalculationDefinition[]>();
  for (const definition of definitions) {
    const versions = byName.get(definition.name) ?? [];
    versions.push(definition);
    byName.set(definition.name, versions);
  }
  for (const [name, versions] of byName) checkOneCurrent(name, versions);
  const versionsOf = (name: string) => {
    const versions = byName.get(name);
    if (!versions) throw new SpineError("INTERNAL", `Unknown calculation ${name}`);
    return versions;
  };
  return Object.freeze({
    all: Object.freeze([...definitions]),
    versionsOf,
    current: (name: string) => versionsOf(name).find((version) => version.current) as CalculationDefinition,
    select: (names: readonly string[]) => names.flatMap(versionsOf),
  });
}
