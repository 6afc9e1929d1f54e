import type { Kysely } from "kysely";
import type { CoreTables, ExecutionRow, ExecutionStatus } from "../database/core-tables.js";

/** Filters for {@link listExecutions}. */
export interface ExecutionFilter {
  readonly pipeline?: string;
  readonly status?: ExecutionStatus;
  readonly parentExecutionId?: string;
  /** Only executions without a parent (runs started by a user or a schedule, not their children). */
  readonly topLevel?: boolean;
  readonly batchId?: string;
  readonly correlationId?: string;
  readonly limit?: number;
  /** Rows to skip before the first returned (paging, newest first). */
  readonly offset?: number;
}

/** An execution row with its JSON columns decoded, as `executions list|show` print it. */
export interface ExecutionRecord {
  readonly id: string;
  readonly pipeline: string;
  readonly params: Record<string, unknown>;
  readonly status: ExecutionStatus;
  readonly trigger: string;
  readonly lane: string;
  readonly logicalKey: string | null;
  readonly parentExecutionId: string | null;
  readonly batchId: string | null;
  /** The business process the run belongs to (see SubmitOptions.correlationId). */
  readonly correlationId: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly errorStack: string | null;
  readonly metrics: Record<string, unknown>;
}

/** Decodes one row of `core_executions`. */
export function toExecutionRecord(row: ExecutionRow): ExecutionRecord {
  return {
    id: row.id,
    pipeline: row.pipeline,
    params: JSON.parse(row.params) as Record<string, unknown>,
    status: row.status,
    trigger: row.trigger,
    lane: row.lane,
    logicalKey: row.logical_key,
    parentExecutionId: row.parent_execution_id,
    batchId: row.batch_id,
    correlationId: row.correlation_id,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    errorStack: row.error_stack,
    metrics: row.metrics ? (JSON.parse(row.metrics) as Record<string, unknown>) : {},
  };
}

/** Reads one execution, or null when the id is unknown. */
export async function getExecution(db: Kysely<CoreTables>, id: string): Promise<ExecutionRecord | null> {
  const row = await db.selectFrom("core_executions").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toExecutionRecord(row) : null;
}

/** Lists executions, newest first. */
export async function listExecutions(
  db: Kysely<CoreTables>,
  filter: ExecutionFilter = {},
): Promise<ExecutionRecord[]> {
  let query = db.selectFrom("core_executions").selectAll();
  if (filter.pipeline) query = query.where("pipeline", "=", filter.pipeline);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.parentExecutionId) query = query.where("parent_execution_id", "=", filter.parentExecutionId);
  if (filter.topLevel) query = query.where("parent_execution_id", "is", null);
  if (filter.batchId) query = query.where("batch_id", "=", filter.batchId);
  if (filter.correlationId) query = query.where("correlation_id", "=", filter.correlationId);
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(filter.limit ?? 50)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toExecutionRecord);
}

/** Lists the children of an execution in the order they were created. */
export async function listChildExecutions(
  db: Kysely<CoreTables>,
  parentId: string,
): Promise<ExecutionRecord[]> {
  const rows = await db
    .selectFrom("core_executions")
    .selectAll()
    .where("parent_execution_id", "=", parentId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toExecutionRecord);
}
