import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import type { DatabaseDialect } from "../database/spine-database.js";
import { postgresCapabilities } from "../sql/postgres-capabilities.js";
import type { SqlCapabilities } from "../sql/sql-capabilities.js";
import { sqliteCapabilities } from "../sql/sqlite-capabilities.js";
import { compileMigration } from "./compile-migration.js";
import type { MigrationSet } from "./define-migration.js";
import { createMigrationsTable } from "./run-migrations.js";

const backends = {
  postgres: {
    adapter: PostgresAdapter,
    introspector: PostgresIntrospector,
    compiler: PostgresQueryCompiler,
    capabilities: postgresCapabilities,
  },
  sqlite: {
    adapter: SqliteAdapter,
    introspector: SqliteIntrospector,
    compiler: SqliteQueryCompiler,
    capabilities: sqliteCapabilities,
  },
} as const;

// A Kysely that compiles but can never execute: the schema must be derivable without a server.
function compilerFor(dialect: DatabaseDialect): { db: Kysely<any>; capabilities: SqlCapabilities } {
  const parts = backends[dialect];
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => new parts.adapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new parts.introspector(db),
      createQueryCompiler: () => new parts.compiler(),
    },
  });
  return { db, capabilities: parts.capabilities };
}

/**
 * Every statement the migrations run on a fresh database of `dialect`, in order, as one SQL
 * script: the bookkeeping table, then each owner's migrations (platform first). Compiled
 * offline, so the committed PostgreSQL schema dump needs no running server.
 */
export function compileSchema(sets: readonly MigrationSet[], dialect: DatabaseDialect): string {
  const { db, capabilities } = compilerFor(dialect);
  const sections = [`-- core_migrations\n${createMigrationsTable(db).compile().sql};`];
  for (const set of sets) {
    for (const migration of set.migrations) {
      const compiled = compileMigration(set.owner, migration, db, capabilities);
      sections.push(
        `-- ${set.owner}/${migration.name}\n${compiled.sql.map((statement) => `${statement.trim()};`).join("\n\n")}`,
      );
    }
  }
  return `${sections.join("\n\n")}\n`;
}
