import type pg from "pg";

const insertTarget = /\binsert\s+into\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi;

/**
 * The tables one PostgreSQL transaction loaded, to ANALYZE right after it commits. A pipeline's
 * next stage reads what this one wrote seconds later, long before autovacuum refreshes the
 * statistics; planning against "empty" tables turned a 0.1 s snapshot join into 90 s of nested
 * loops. SQLite has no such planner statistics, which is why only this backend needs it.
 */
export interface WrittenTables {
  /** Notes the targets of any `insert into` in a statement. */
  noteStatement(text: string): void;
  noteTable(table: string): void;
  /** Analyzes every noted table on `client` (outside the transaction) and forgets them. */
  analyze(client: pg.PoolClient): Promise<void>;
}

/** Creates an empty {@link WrittenTables}. */
export function createWrittenTables(): WrittenTables {
  const tables = new Set<string>();
  return {
    noteStatement(text) {
      for (const match of text.matchAll(insertTarget)) if (match[1]) tables.add(match[1]);
    },
    noteTable(table) {
      tables.add(table);
    },
    async analyze(client) {
      for (const table of [...tables].sort()) {
        // A name matched inside a string literal is not a table; statistics are an optimisation, so skip it.
        await client.query(`ANALYZE "${table.replaceAll('"', '""')}"`).catch(() => undefined);
      }
      tables.clear();
    },
  };
}
