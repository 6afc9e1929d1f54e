import { createHash } from "node:crypto";
import type { Kysely, RawBuilder } from "kysely";
import { isCompilable } from "kysely";
import type { DatabaseDialect } from "../database/spine-database.js";
import type { MigrationDefinition, MigrationStatement } from "./define-migration.js";

/** A migration compiled for one dialect, with the checksum stored when it is applied. */
export interface CompiledMigration {
  readonly owner: string;
  readonly name: string;
  readonly sql: readonly string[];
  readonly checksum: string;
}

function compileStatement(statement: MigrationStatement, db: Kysely<any>): string {
  if (isCompilable(statement)) return statement.compile().sql;
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
  dialect: DatabaseDialect,
): CompiledMigration {
  const statements = migration.statements(db, dialect).map((statement) => compileStatement(statement, db));
  const checksum = createHash("sha256").update(statements.join(";\n")).digest("hex");
  return { owner, name: migration.name, sql: statements, checksum };
}
