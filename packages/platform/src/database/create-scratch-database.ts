import { randomBytes } from "node:crypto";
import type pg from "pg";
import { redactDatabaseUrl } from "./redact-url.js";

/** A database created for one test, benchmark or experiment; `drop` removes it and its data. */
export interface ScratchDatabase {
  /** The new database's URL (the admin URL with its database name replaced). */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  // index.ts exports this: a top-level pg import would load pg for every platform user.
  const { default: postgres } = await import("pg");
  const client = new postgres.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to ${redactDatabaseUrl(adminUrl)} to manage scratch databases: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty PostgreSQL database named `<prefix>_<random>` through `adminUrl` (a role allowed
 * to CREATE DATABASE), so that tests and benchmarks sharing one server never see each other's
 * tables. Dropping forces other sessions off, so a test that leaked a connection still cleans up.
 */
export async function createScratchDatabase(
  adminUrl: string,
  prefix = "spine_scratch",
): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`Invalid scratch database prefix "${prefix}"`);
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  // template0 with C collation: text ordering is by code unit, as on SQLite, whatever the cluster default.
  await onAdmin(adminUrl, (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await onAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
