import type BetterSqlite3 from "better-sqlite3";

// Every connection this process opened, kept until it exits (see retainStatements).
const retainedConnections = new Set<BetterSqlite3.Database>();

/**
 * Makes a connection prepare each SQL text once and keep its statements (and itself) alive until
 * the process exits. Why: better-sqlite3 12 as published (what `npm install -g` of the CLI gets,
 * without the workspace's patch) aborts Node 24 when the garbage collector destroys one of its
 * statement or database objects (`Assertion failed: (env) != nullptr` in
 * RemoveEnvironmentCleanupHook); objects that are never collected never trigger it. Kysely
 * prepares a statement per query, so without this a CLI run collects hundreds. Keeping one
 * statement per distinct SQL text also saves SQLite re-preparing it. A statement still iterating
 * (busy) is not shared: a second one is prepared and kept too. Pragmas go through the same cache.
 */
export function retainStatements(connection: BetterSqlite3.Database): BetterSqlite3.Database {
  retainedConnections.add(connection);
  // Looked up at each miss, not bound once: tools that wrap better-sqlite3's prototype to time or
  // capture statements (scripts/bench/statement-times.mjs, the query-plan test) still see them.
  const prototype = Object.getPrototypeOf(connection) as BetterSqlite3.Database;
  const prepare = (source: string) => prototype.prepare.call(connection, source);
  const cached = new Map<string, BetterSqlite3.Statement>();
  const busyExtras: BetterSqlite3.Statement[] = [];
  const retained = (source: string): BetterSqlite3.Statement => {
    const known = cached.get(source);
    if (known && !known.busy) {
      // A caller may have switched it to pluck or raw rows; every caller expects objects.
      if (known.reader) known.pluck(false).raw(false);
      return known;
    }
    const statement = prepare(source);
    if (known) busyExtras.push(statement);
    else cached.set(source, statement);
    return statement;
  };
  connection.prepare = retained as typeof connection.prepare;
  connection.pragma = ((source: string, options?: { simple?: boolean }) => {
    const statement = retained(`PRAGMA ${source}`);
    if (!statement.reader) {
      statement.run();
      return [];
    }
    return options?.simple ? statement.pluck().get() : statement.all();
  }) as typeof connection.pragma;
  return connection;
}
