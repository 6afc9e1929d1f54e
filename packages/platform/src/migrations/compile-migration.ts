import { createHash } from "node:crypto";
import type { Kysely, RawBuilder } from "kysely";
import type { SqlCapabilities } from "../sql/sql-capabilities.js";
import type { MigrationDefinition, MigrationStatement } from "./define-migration.js";

/** A migration compiled for one backend, with the checksum stored when it is applied. */
export interface CompiledMigration {
  readonly owner: string;
  readonly name: string;
  readonly sql: readonly string[];
  readonly checksum: string;
}

// Raw `sql` builders need an executor to compile; schema builders carry their own and ignore it.
function compileStatement(statement: MigrationStatement, db: Kysely<any>): string {
  return (statement as RawBuilder<unknown>).compile(db).sql;
}

/**
 * Compiles a migration to SQL. The checksum covers the SQL, not the function's source text, so
 * it is stable across builds and changes only when the schema the migration creates changes.
 */
export function compileMigration(
  owner: string,
  migration: MigrationDefinition,
  db: Kysely<any>,
  backend: SqlCapabilities,
): CompiledMigration {
  const statements = migration.statements(db, backend).map((statement, index) => {
    try {
      return compileStatement(statement, db);
    } catch (error) {
      throw new Error(
        `Migration ${owner}/${migration.name} statement ${index + 1} does not compile: ${String(error)}`,
        { cause: error },
      );
    }
  });
  const checksum = createHash("sha256").update(statements.join(";\n")).digest("hex");
  return { owner, name: migration.name, sql: statements, checksum };
}
