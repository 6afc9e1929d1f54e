import type { ChildProcess } from "node:child_process";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, openDatabase, sql } from "@spine/platform";
import { afterAll, describe, expect, it } from "vitest";
import type { NetworkNamespace } from "./support/network-namespaces.js";
import {
  createNetworkNamespaces,
  namespacesUnavailable,
  removeNetworkNamespaces,
} from "./support/network-namespaces.js";
import { spawnSpine } from "./support/spawn-spine.js";
import type { TestDatabaseLocation } from "./support/test-backend.js";
import { createTestDatabaseLocation, postgresAdminUrl } from "./support/test-backend.js";

const netnsProblem = namespacesUnavailable();

// Holds one partition lock from inside a namespace, as a worker on another machine would.
const holderScript = `
import { loadSettings, openDatabase } from "@spine/platform";
const database = await openDatabase(loadSettings({ databaseUrl: process.argv[1] }, {}));
await database.locks.acquire('otc:{"week":"2025-06-06"}', "lost-machine", 5000);
process.stdout.write("acquired\\n");
setInterval(() => undefined, 60_000);
`;

async function advisoryLocks(url: string): Promise<number> {
  const database = await openDatabase(loadSettings({ databaseUrl: url }, {}));
  try {
    const result = await sql<{ count: string }>`
      select count(*) as count from pg_locks where locktype = 'advisory'
        and database = (select oid from pg_database where datname = current_database())`.execute(database.db);
    return Number(result.rows[0]?.count);
  } finally {
    await database.close();
  }
}

// The machine is lost: its link goes down, so nothing it sent is ever answered again.
function cutLinks(namespace: NetworkNamespace): void {
  const links = execFileSync("ip", ["-n", namespace.name, "-o", "link", "show"], { encoding: "utf8" });
  for (const line of links.split("\n")) {
    const name = line.split(":")[1]?.trim().split("@")[0];
    if (name && name !== "lo") execFileSync("ip", ["-n", namespace.name, "link", "set", name, "down"]);
  }
}

describe.skipIf(!postgresAdminUrl || netnsProblem !== null)(
  "partition locks of a lost machine (postgres)",
  () => {
    const directory = mkdtempSync(join(tmpdir(), "spine-keepalive-"));
    let namespaces: NetworkNamespace[] = [];
    let holder: ChildProcess | undefined;
    let location: TestDatabaseLocation | undefined;

    afterAll(async () => {
      holder?.kill("SIGKILL");
      removeNetworkNamespaces(namespaces);
      await location?.drop();
      rmSync(directory, { recursive: true, force: true });
    });

    it("lets the server end a lost machine's session within a minute, freeing its partition lock", async () => {
      location = await createTestDatabaseLocation(directory, "postgres");
      expect((await spawnSpine(location, ["db", "init"])).code).toBe(0);
      if (!("databaseUrl" in location.settings)) throw new Error("a PostgreSQL location was expected");
      const url = location.settings.databaseUrl;
      namespaces = createNetworkNamespaces(1);
      const [namespace] = namespaces;
      if (namespace === undefined) throw new Error("one namespace was made");
      const inside = new URL(url);
      inside.hostname = namespace.hostAddress;
      const argv = [
        "netns",
        "exec",
        namespace.name,
        process.execPath,
        "--input-type=module",
        "-e",
        holderScript,
      ];
      holder = spawn("ip", [...argv, inside.toString()], {
        cwd: join(import.meta.dirname, ".."),
        stdio: "pipe",
      });
      await new Promise<void>((resolve, reject) => {
        holder?.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("acquired") && resolve());
        holder?.once("exit", (code) => reject(new Error(`the holder exited (${code}) before locking`)));
      });
      expect(await advisoryLocks(url)).toBe(1);
      cutLinks(namespace);
      const deadline = Date.now() + 60_000;
      while ((await advisoryLocks(url)) > 0) {
        expect(Date.now(), "the lost machine's lock is still held").toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }, 120_000);
  },
);
