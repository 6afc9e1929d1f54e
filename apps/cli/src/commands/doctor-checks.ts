import type { MigrationState, Registry } from "@spine/platform";

/** One line of `spine doctor`. */
export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

const minimumNodeMajor = 20;

/** Node.js must be at least the version the packages declare in `engines`. */
export function checkNodeVersion(version: string): DoctorCheck {
  const major = Number(version.replace(/^v/, "").split(".")[0]);
  const ok = Number.isInteger(major) && major >= minimumNodeMajor;
  const message = ok
    ? `Node.js ${version}`
    : `Node.js ${version} is too old: ${minimumNodeMajor} or newer is required`;
  return { name: "node", ok, message };
}

/** The registry loaded: how many domains, pipelines and queries it holds. */
export function checkRegistry(registry: Registry): DoctorCheck {
  const domains = registry.domains.map((domain) => domain.name);
  const pipelines = registry.listPipelines().length;
  const queries = registry.listQueries().length;
  return {
    name: "registry",
    ok: true,
    message: `${domains.length} domain(s) (${domains.join(", ")}): ${pipelines} pipeline(s), ${queries} quer${queries === 1 ? "y" : "ies"}`,
    details: { domains, pipelines, queries },
  };
}

/** Every migration defined in code is applied, and nothing applied has changed since. */
export function checkMigrations(states: readonly MigrationState[]): DoctorCheck {
  const pending = states
    .filter((state) => state.state === "pending")
    .map((state) => `${state.owner}/${state.name}`);
  const drifted = states
    .filter((state) => state.state === "changed" || state.state === "unknown")
    .map((state) => `${state.owner}/${state.name} (${state.state})`);
  const details = { applied: states.length - pending.length - drifted.length, pending, drifted };
  if (drifted.length > 0) {
    const message = `applied migrations differ from the code: ${drifted.join(", ")}; rebuild with \`spine db reset --yes\``;
    return { name: "migrations", ok: false, message, details };
  }
  if (pending.length > 0) {
    return {
      name: "migrations",
      ok: false,
      message: `${pending.length} pending: run \`spine db init\``,
      details,
    };
  }
  return { name: "migrations", ok: true, message: `${states.length} applied, none pending`, details };
}
