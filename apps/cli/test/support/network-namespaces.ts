import { execFileSync } from "node:child_process";

/** A network namespace with one veth link to the host: its processes reach only `hostAddress`. */
export interface NetworkNamespace {
  readonly name: string;
  /** The host's end of the link, where the namespace's processes find PostgreSQL. */
  readonly hostAddress: string;
  /** The namespace's own address. */
  readonly address: string;
}

function ip(...argv: string[]): void {
  execFileSync("ip", argv, { stdio: ["ignore", "ignore", "pipe"] });
}

/** The subnet the namespaces' links use; scripts/with-postgres.sh lets it connect (pg_hba). */
export const namespaceSubnet = "10.213.0.0/16";

/** Why network namespaces cannot be made here, or null when they can (root and `ip` present). */
export function namespacesUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "not running as root";
  try {
    execFileSync("ip", ["netns", "list"], { stdio: "ignore" });
    return null;
  } catch {
    return "the ip command (iproute2) is missing or cannot list network namespaces";
  }
}

/**
 * Makes `count` namespaces, each with its own address on a veth pair to the host (no route
 * anywhere else). Names carry this process's id so parallel runs never collide.
 */
export function createNetworkNamespaces(count: number): NetworkNamespace[] {
  const tag = process.pid % 10_000;
  const made: NetworkNamespace[] = [];
  try {
    for (let index = 1; index <= count; index += 1) {
      const name = `spine-q${tag}-${index}`;
      const [hostLink, innerLink] = [`sq${tag}h${index}`, `sq${tag}n${index}`];
      const third = (tag % 200) + 1;
      const namespace = {
        name,
        hostAddress: `10.213.${third}.${index * 4 + 1}`,
        address: `10.213.${third}.${index * 4 + 2}`,
      };
      ip("netns", "add", name);
      made.push(namespace);
      ip("link", "add", hostLink, "type", "veth", "peer", "name", innerLink);
      ip("link", "set", innerLink, "netns", name);
      ip("addr", "add", `${namespace.hostAddress}/30`, "dev", hostLink);
      ip("link", "set", hostLink, "up");
      ip("netns", "exec", name, "ip", "addr", "add", `${namespace.address}/30`, "dev", innerLink);
      ip("netns", "exec", name, "ip", "link", "set", innerLink, "up");
      ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
    }
    return made;
  } catch (error) {
    removeNetworkNamespaces(made);
    throw error;
  }
}

/** Removes namespaces (their veth pairs go with them); never throws, so it is safe in cleanup. */
export function removeNetworkNamespaces(namespaces: readonly NetworkNamespace[]): void {
  for (const namespace of namespaces) {
    try {
      ip("netns", "del", namespace.name);
    } catch {
      // Already gone.
    }
  }
}
