import type { Generated, Insertable, Selectable } from "kysely";

/** Status of an execution; `skipped` means the manifest said the work was already done. */
export type ExecutionStatus = "pending" | "running" | "completed" | "failed" | "skipped";

/** The platform's tables. Timestamps are ISO-8601 text so SQLite and PostgreSQL agree. */
export interface CoreMigrationsTable {
  owner: string;
  name: string;
  checksum: string;
  applied_at: string;
}

export interface CoreExecutionsTable {
  id: string;
  pipeline: string;
  params: string;
  status: ExecutionStatus;
  trigger: string;
  lane: string;
  logical_key: string | null;
  parent_execution_id: string | null;
  batch_id: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  error_stack: string | null;
  metrics: string | null;
}

export interface CoreManifestTable {
  domain: string;
  partition_key: string;
  stage: string;
  row_count: number;
  execution_id: string;
  batch_id: string | null;
  fingerprint: string | null;
  metrics: string;
  updated_at: string;
}

export interface CoreRejectsTable {
  id: Generated<number>;
  domain: string;
  partition_key: string;
  stage: string;
  reason_code: string;
  reason_detail: string;
  line_number: number | null;
  raw_record: string | null;
  source: string | null;
  execution_id: string;
  batch_id: string | null;
  created_at: string;
}

export interface CoreQualityTable {
  id: Generated<number>;
  domain: string;
  partition_key: string;
  check_name: string;
  severity: "info" | "warn" | "error" | "critical";
  status: "pass" | "warn" | "fail";
  expected: number;
  actual_value: string | null;
  expected_value: string | null;
  message: string;
  execution_id: string;
  batch_id: string | null;
  created_at: string;
}

export interface CoreLocksTable {
  lock_key: string;
  execution_id: string;
  owner: string;
  acquired_at: string;
  expires_at: string;
}

/** Kysely database type of the platform's own tables. */
export interface CoreTables {
  core_migrations: CoreMigrationsTable;
  core_executions: CoreExecutionsTable;
  core_manifest: CoreManifestTable;
  core_rejects: CoreRejectsTable;
  core_quality: CoreQualityTable;
  core_locks: CoreLocksTable;
}

export type ExecutionRow = Selectable<CoreExecutionsTable>;
export type NewExecutionRow = Insertable<CoreExecutionsTable>;
export type ManifestRow = Selectable<CoreManifestTable>;
export type RejectRow = Selectable<CoreRejectsTable>;
export type NewRejectRow = Insertable<CoreRejectsTable>;
export type QualityRow = Selectable<CoreQualityTable>;
export type NewQualityRow = Insertable<CoreQualityTable>;
