import type { SqlScope } from "../database/spine-database.js";
import type { PartitionKey } from "../pipeline/partition.js";
import type { PartitionDefinition } from "../stages/define-partition.js";

/**
 * The quality checks that did not pass in a backfill's children, as summary rows: partition
 * fields, check, status and message. A warning (e.g. a file that looks like another week
 * republished) must reach whoever reads the summary, not only the quality table.
 */
export async function readBackfillWarnings(
  scope: SqlScope,
  backfillExecutionId: string,
  partition: PartitionDefinition,
): Promise<Record<string, unknown>[]> {
  const rows = await scope.db
    .selectFrom("core_quality as q")
    .innerJoin("core_executions as e", "e.id", "q.execution_id")
    .select(["q.partition_key", "q.check_name", "q.status", "q.message"])
    // The children's checks and the backfill's own (partitions missing in the range).
    .where((where) =>
      where.or([
        where("e.parent_execution_id", "=", backfillExecutionId),
        where("q.execution_id", "=", backfillExecutionId),
      ]),
    )
    .where("q.status", "!=", "pass")
    .orderBy("q.id")
    .execute();
  return rows.map((row) => ({
    ...partition.keyOf(JSON.parse(row.partition_key) as PartitionKey),
    check: row.check_name,
    status: row.status,
    message: row.message,
  }));
}
