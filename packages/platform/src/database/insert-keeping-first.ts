import { sql } from "kysely";
import type { InsertIgnoringDuplicatesSpec } from "../sql/sql-capabilities.js";
import type { SqlScope } from "./spine-database.js";

const savepoint = sql.raw("spine_insert_keeping_first");

/**
 * Inserts one row per key of `spec`'s source, the first by `keepFirstBy`, as
 * {@link SqlCapabilities.insertIgnoringDuplicates} does, and returns how many. Where dropping
 * repeats is a pass of its own (`dropsRepeatedKeysFree` false), the rows first go in as they are:
 * a source file seldom repeats a key (FINRA's downloads never do), and only when one does is that
 * insert undone (to a savepoint inside a transaction; a failed statement alone leaves nothing
 * outside one) and the insert that drops repeats run instead.
 */
export async function insertKeepingFirst(
  scope: SqlScope,
  spec: InsertIgnoringDuplicatesSpec,
): Promise<number> {
  if (!scope.sql.dropsRepeatedKeysFree) {
    const inserted = await insertAssumingUniqueKeys(scope, spec);
    if (inserted !== null) return inserted;
  }
  const result = await scope.sql.insertIgnoringDuplicates(spec).execute(scope.db);
  return Number(result.numAffectedRows ?? 0);
}

// Null when a key repeats: the insert is then undone.
async function insertAssumingUniqueKeys(
  scope: SqlScope,
  spec: InsertIgnoringDuplicatesSpec,
): Promise<number | null> {
  const key = sql.join(spec.key.map((column) => sql.ref(column)));
  const columns = sql.join(spec.columns.map((column) => sql.ref(column)));
  // In key order, the rows append to the key's b-tree.
  const insert = sql`insert into ${sql.table(spec.into)} (${columns})
select ${spec.select} from ${spec.from} order by ${key}`;
  if (scope.inTransaction) await sql`savepoint ${savepoint}`.execute(scope.db);
  try {
    const result = await insert.execute(scope.db);
    if (scope.inTransaction) await sql`release savepoint ${savepoint}`.execute(scope.db);
    return Number(result.numAffectedRows ?? 0);
  } catch (error) {
    if (!scope.sql.isUniqueViolation(error)) throw error;
    if (scope.inTransaction) await sql`rollback to savepoint ${savepoint}`.execute(scope.db);
    return null;
  }
}
