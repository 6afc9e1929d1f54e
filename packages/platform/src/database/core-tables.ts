import type { Generated, Insertable, Selectable } from "kysely";

/**
 * State of a queued backfill's job: `waiting` for the jobs it depends on, `queued` in the job
 * engine, `running` on a worker, then `done`, `skipped` (the manifest said done), `failed`,
 * `blocked` (a job it depends on failed) or `cancelled`.
 */
export type QueueJobState =
  | "waiting"
  | "queued"
  | "running"
  | "done"
  | "skipped"
  | "failed"
  | "blocked"
  | "cancelled";

/** One job of a queued backfill (`backfill_id` is the parent execution). */
export interface CoreQueueJobsTable {
  backfill_id: string;
  position: number;
  domain: string;
  partition_key: string;
  stage: string;
  pipeline: string;
  params: string;
  input: string | null;
  depends_on: string;
  force: number;
  state: QueueJobState;
  worker: string | null;
  execution_id: string | null;
  attempts: number;
  error: string | null;
  updated_at: string;
  /** The job engine's (pg-boss) id of the job's latest delivery, to cancel it there. */
  engine_job_id: string | null;
}

/**
 * Status of an execution; `skipped` means the manifest said the work was already done, and
 * `abandoned` that its process died (its heartbeat stopped) before it could say how it ended, and
 * `cancelled` that `spine backfill cancel` stopped a queued backfill before all its jobs ran.
 */
export type ExecutionStatus =
  | "pending"
  | "running"
  | "completed"
  | "failed"
  | "skipped"
  | "abandoned"
  | "cancelled";

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
  /** Groups the runs of one business process (e.g. one weekly load); children inherit it. */
  correlation_id: string | null;
  /** The process running it (`host:pid:instance`); null before migration 0004. */
  owner: string | null;
  /** When its process last renewed its lease. */
  heartbeat_at: string | null;
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
  /** Why the entry no longer describes current data (an input changed); null while it does. */
  stale_reason: string | null;
  stale_since: string | null;
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

/**
 * One capture: a stage run's output for one partition, kept beside earlier ones. `partition_key`
 * is the canonical JSON the manifest uses; `input_capture_id` is the input whose source identity
 * it inherits (core_capture_inputs lists every input); `details` holds a domain's extra lineage as JSON.
 */
export interface CoreCapturesTable {
  capture_id: string;
  domain: string;
  partition_key: string;
  stage: string;
  variant: string;
  capture_number: number;
  input_capture_id: string | null;
  calc_name: string | null;
  calc_version: string | null;
  source_file: string | null;
  source_sha256: string | null;
  source_revision: number | null;
  publication_date: string | null;
  /** The latest publication date among everything the capture read, its own included. */
  knowable_date: string | null;
  details: string | null;
  row_count: number;
  execution_id: string;
  batch_id: string | null;
  created_at: string;
  /** The archive file holding its raw rows (a name in the archive directory); null while they are here. */
  archive_file: string | null;
  archive_sha256: string | null;
  archived_at: string | null;
}

/** Every capture a capture read, in the order given (a rolling window reads several weeks). */
export interface CoreCaptureInputsTable {
  capture_id: string;
  position: number;
  input_capture_id: string;
}

/** The highest capture number ever handed out per partition, stage and variant: never lowered. */
export interface CoreCaptureNumbersTable {
  domain: string;
  partition_key: string;
  stage: string;
  variant: string;
  last_number: number;
}

/**
 * A hash sample of one capture's rows over some compared columns (see captures/row-sample.ts):
 * what a republication check reads instead of the capture's every row.
 */
export interface CoreCaptureRowSamplesTable {
  capture_id: string;
  /** The compared columns, space-separated: a sample answers only for the same columns. */
  columns: string;
  /** Rows whose hash has this many low zero bits were kept (0: every row). */
  level: number;
  row_count: number;
  /** The kept hashes, 32-bit unsigned, as base64 of their little-endian bytes. */
  hashes: string;
}

/** Facts a domain read from a whole source file, valid while the file's signature is unchanged. */
export interface CoreSourceFileFactsTable {
  domain: string;
  /** The file's absolute path. */
  path: string;
  /** The domain's version of the rules that produced the facts: another version reads again. */
  facts_version: string;
  /** `size:mtimeMs:ctimeMs:ino` of the file when it was read, compared exactly. */
  file_signature: string;
  /** The facts as JSON. */
  facts: string;
  recorded_at: string;
}

/** A source file kept once, gzip-compressed, by the sha256 of its bytes (what captures record). */
export interface CoreStoredSourcesTable {
  sha256: string;
  /** `gzip`: how `content` is encoded. */
  encoding: string;
  /** The file's own size, and the stored (compressed) size. */
  byte_count: number;
  stored_byte_count: number;
  content: Buffer;
  stored_at: string;
}

/** A raw capture whose rows left the raw tables once read: they come back from its stored source. */
export interface CoreRawReleasesTable {
  capture_id: string;
  /** Rows released, per raw table, as JSON: a rebuild must give back as many. */
  rows: string;
  released_at: string;
}

/** Kysely database type of the platform's own tables. */
export interface CoreTables {
  core_migrations: CoreMigrationsTable;
  core_executions: CoreExecutionsTable;
  core_manifest: CoreManifestTable;
  core_rejects: CoreRejectsTable;
  core_quality: CoreQualityTable;
  core_locks: CoreLocksTable;
  core_queue_jobs: CoreQueueJobsTable;
  core_captures: CoreCapturesTable;
  core_captures_latest: CoreCapturesTable;
  core_capture_inputs: CoreCaptureInputsTable;
  core_capture_numbers: CoreCaptureNumbersTable;
  core_capture_row_samples: CoreCaptureRowSamplesTable;
  core_source_file_facts: CoreSourceFileFactsTable;
  core_stored_sources: CoreStoredSourcesTable;
  core_raw_releases: CoreRawReleasesTable;
}

export type ExecutionRow = Selectable<CoreExecutionsTable>;
export type NewExecutionRow = Insertable<CoreExecutionsTable>;
export type ManifestRow = Selectable<CoreManifestTable>;
export type RejectRow = Selectable<CoreRejectsTable>;
export type NewRejectRow = Insertable<CoreRejectsTable>;
export type QualityRow = Selectable<CoreQualityTable>;
export type NewQualityRow = Insertable<CoreQualityTable>;
export type CaptureRow = Selectable<CoreCapturesTable>;
