/**
 * @spine/platform: the thick platform every Market Spine domain plugs into. Public API only;
 * everything else is internal and not importable.
 */

export type {
  AliasedSelectQueryBuilder,
  ColumnType,
  CreateTableBuilder,
  ExpressionBuilder,
  Generated,
  Insertable,
  Kysely,
  RawBuilder,
  Selectable,
  SqlBool,
  Updateable,
} from "kysely";
// Domains depend on @spine/platform alone; they reach SQL and table types through these re-exports.
export { sql } from "kysely";
export type { BackfillControls } from "./backfill/backfill-controls.js";
export { backfillControlParams } from "./backfill/backfill-controls.js";
export type { BackfillJob, BackfillJobPlan } from "./backfill/backfill-jobs.js";
export { planBackfillJobs } from "./backfill/backfill-jobs.js";
export type { StageState } from "./backfill/backfill-summary.js";
export type {
  BackfillInput,
  BackfillWork,
  BackfillWorkProblem,
  PartitionWork,
} from "./backfill/backfill-work.js";
export type { BackfillDeclaration } from "./backfill/define-backfill.js";
export { defineBackfill } from "./backfill/define-backfill.js";
export type { SummaryColumn } from "./backfill/run-backfill.js";
export type { BackfillSelection } from "./backfill/select-partitions.js";
export { backfillSelections, selectPartitions } from "./backfill/select-partitions.js";
export type { CalculationChoice } from "./calculations/choose-calculations.js";
export {
  calculationVariant,
  calculationVersionParam,
  calculationVersionsOf,
  chooseCalculations,
} from "./calculations/choose-calculations.js";
export type {
  CalculationDefinition,
  CalculationRegistry,
} from "./calculations/define-calculation.js";
export { defineCalculation, defineCalculations } from "./calculations/define-calculation.js";
export type { CaptureSelection } from "./captures/as-of.js";
export {
  asOfParam,
  capturedRows,
  captureIdsAsOf,
  findCaptureAsOf,
  selectedCaptures,
} from "./captures/as-of.js";
export { createCapturesQuery } from "./captures/captures-query.js";
export type { CaptureDifference, TableComparison } from "./captures/compare-captures.js";
export {
  compareCaptures,
  createCompareCapturesQuery,
  defaultAuditColumns,
} from "./captures/compare-captures.js";
export type { CapturedQueryContext, CapturedQueryInput } from "./captures/define-captured-query.js";
export { defineCapturedQuery } from "./captures/define-captured-query.js";
export {
  type CapturedTableQueryInput,
  defineCapturedTableQuery,
} from "./captures/define-captured-table-query.js";
export type {
  CapturedTableDefinition,
  CapturesDefinition,
  CapturesInput,
} from "./captures/define-captures.js";
export { defineCapturedTable, defineCaptures } from "./captures/define-captures.js";
export type { DerivedCaptureTarget } from "./captures/derive-capture.js";
export { derivedCapture, openDerivedCapture } from "./captures/derive-capture.js";
export type { QueryLookup } from "./captures/explain-empty-answer.js";
export { explainEmptyAnswer } from "./captures/explain-empty-answer.js";
export {
  captureDetails,
  findCapture,
  findLatestCapture,
  partitionOfCapture,
  requireLatestCapture,
} from "./captures/find-capture.js";
export type { FreshnessOptions } from "./captures/freshness-query.js";
export { createFreshnessQuery } from "./captures/freshness-query.js";
export { latestViewSql } from "./captures/latest-view-sql.js";
export { createLedgerQueries } from "./captures/ledger-queries.js";
export type { RepublicationCandidate, RepublicationCheckTarget } from "./captures/likely-republication.js";
export { checkLikelyRepublication } from "./captures/likely-republication.js";
export type { MatchingRows } from "./captures/matching-rows.js";
export { countMatchingRows } from "./captures/matching-rows.js";
export type { CaptureSource, NewCapture } from "./captures/open-capture.js";
export { openCapture, setCaptureRowCount } from "./captures/open-capture.js";
export type { PartitionCoverage } from "./captures/partition-coverage.js";
export { readPartitionCoverage } from "./captures/partition-coverage.js";
export type { PartitionFilter } from "./captures/partition-filter.js";
export { partitionFieldsOf, partitionKeyPatterns } from "./captures/partition-filter.js";
export { createQualityQuery } from "./captures/quality-query.js";
export type { CaptureQueryOptions } from "./captures/query-options.js";
export { createRejectsQuery } from "./captures/rejects-query.js";
export type { PartitionRepublicationTarget } from "./captures/republication-candidates.js";
export {
  checkPartitionRepublication,
  findRepublicationCandidates,
} from "./captures/republication-candidates.js";
export type { RollbackOptions } from "./captures/rollback-capture.js";
export { createRollbackPipeline } from "./captures/rollback-capture.js";
export type { RowSample } from "./captures/row-sample.js";
export {
  createRowSampler,
  estimateMatchingRows,
  ROW_SAMPLE_TARGET,
} from "./captures/row-sample.js";
export type { StaleFlagOptions } from "./captures/stale-captures.js";
export { findStaleCaptures, staleFlaggedRows, withStaleFlags } from "./captures/stale-captures.js";
export { columnNames } from "./collections/column-names.js";
export { compareText } from "./collections/compare-text.js";
export { exactDecimalPlaces, sumDecimals } from "./collections/decimal-sum.js";
export { formatCsv, quoteCsvField } from "./collections/format-csv.js";
export { groupBy } from "./collections/group-by.js";
export type { RunCounter } from "./collections/run-counter.js";
export { createRunCounter, mostFrequentKey } from "./collections/run-counter.js";
export { smallestTextBy } from "./collections/smallest-by.js";
export { sumBy } from "./collections/sum-by.js";
export { canonicalJson } from "./database/canonical-json.js";
export type { CaptureTotals, CaptureTotalsOptions } from "./database/capture-totals.js";
export { captureTotals } from "./database/capture-totals.js";
export type {
  CaptureRow,
  CoreTables,
  ExecutionRow,
  ExecutionStatus,
  ManifestRow,
  QualityRow,
  RejectRow,
} from "./database/core-tables.js";
export type { DatabaseLocation } from "./database/create-database-location.js";
export { createDatabaseLocation } from "./database/create-database-location.js";
export type { ScratchDatabase } from "./database/create-scratch-database.js";
export { createScratchDatabase } from "./database/create-scratch-database.js";
export type { EncodedRows, HeldRows } from "./database/encoded-rows.js";
export { isEncodedRows } from "./database/encoded-rows.js";
export type { TableSummary } from "./database/inspect-database.js";
export { dumpSchema, summarizeTables } from "./database/inspect-database.js";
export type { DatabaseTarget } from "./database/open-database.js";
// openPostgresDatabase comes from open-database.js, which imports pg only when it is called.
export { openDatabase, openPostgresDatabase, resolveDatabaseTarget } from "./database/open-database.js";
export type { PostgresDatabaseOptions } from "./database/open-postgres-database.js";
export type { SqliteDatabaseOptions } from "./database/open-sqlite-database.js";
export { openSqliteDatabase } from "./database/open-sqlite-database.js";
export { pageByKey } from "./database/page-by-key.js";
export { redactDatabaseUrl } from "./database/redact-url.js";
export type {
  BackendDescription,
  BulkRows,
  DatabaseDialect,
  SpineDatabase,
  SqlScope,
} from "./database/spine-database.js";
export type { TableColumns, WithLatestViews, Words } from "./database/table-columns.js";
export { columnList } from "./database/table-columns.js";
export type { Result } from "./errors/result.js";
export { fail, ok } from "./errors/result.js";
export type { SpineErrorCode, SpineErrorOptions } from "./errors/spine-error.js";
export { isSpineError, isTransientError, SpineError } from "./errors/spine-error.js";
export type { ExecutionFilter, ExecutionRecord } from "./executions/execution-store.js";
export { getExecution, listChildExecutions, listExecutions } from "./executions/execution-store.js";
export type {
  DelimitedLineConverter,
  DelimitedLineMapper,
  DelimitedRowMapping,
  IngestCounts,
  IngestRowBatch,
  LineRejection,
  LineRejectionReason,
} from "./ingest/delimited-line-converter.js";
export {
  createDelimitedLineConverter,
  maximumRecordedRejections,
} from "./ingest/delimited-line-converter.js";
export type {
  IngestDelimitedFileOptions,
  IngestDelimitedFileResult,
} from "./ingest/ingest-delimited-file.js";
export { ingestDelimitedFile } from "./ingest/ingest-delimited-file.js";
export type { RecordHasher } from "./ingest/record-hasher.js";
export { createRecordHasher, hashRecordKey } from "./ingest/record-hasher.js";
export type { SharedValueColumn, SharedValues, SharedValuesJoin } from "./ingest/shared-values.js";
export {
  createSharedValues,
  insertSharedValues,
  joinSharedValues,
  sharedValueOf,
  sharedValuesTable,
} from "./ingest/shared-values.js";
export type { SideWrite } from "./ingest/side-write.js";
export type { ValueProfile, ValueProfileEntry } from "./ingest/value-profile.js";
export { createValueProfile, insertValueProfile } from "./ingest/value-profile.js";
export type { Heartbeat } from "./liveness/heartbeat.js";
export { createHeartbeat } from "./liveness/heartbeat.js";
export { isOwnerCertainlyDead, processOwner } from "./liveness/process-instance.js";
export type { AbandonedExecution } from "./liveness/reap-abandoned-executions.js";
export { reapAbandonedExecutions } from "./liveness/reap-abandoned-executions.js";
export type { AdvisoryLockOptions } from "./locks/create-advisory-lock-manager.js";
export { createAdvisoryLockManager } from "./locks/create-advisory-lock-manager.js";
export type { TableLockOptions } from "./locks/create-table-lock-manager.js";
export { createTableLockManager } from "./locks/create-table-lock-manager.js";
export type { LockHandle, LockManager } from "./locks/lock-manager.js";
export type { LoggerOptions } from "./logging/create-logger.js";
export { createLogger, createSilentLogger } from "./logging/create-logger.js";
export type { Logger } from "./logging/logger.js";
export type { PrettyLineOptions } from "./logging/pretty-line.js";
export { formatPrettyLine } from "./logging/pretty-line.js";
export type { CoverageCell, CoverageGrid, CoverageRow, CoverageStatus } from "./manifest/coverage-grid.js";
export { readCoverageGrid } from "./manifest/coverage-grid.js";
export type { ManifestEntry, ManifestReader, StaleManifestEntry } from "./manifest/manifest-store.js";
export { createManifestReader } from "./manifest/manifest-store.js";
export { compileSchema } from "./migrations/compile-schema.js";
export type { MigrationDefinition, MigrationSet, MigrationStatement } from "./migrations/define-migration.js";
export { defineMigration } from "./migrations/define-migration.js";
export { platformMigrations } from "./migrations/platform-migrations.js";
export type { MigrationState } from "./migrations/run-migrations.js";
export { assertMigrationsCurrent, readMigrationStates, runMigrations } from "./migrations/run-migrations.js";
export type { CopyThenJudgeResult, CopyThenJudgeWork } from "./normalize/copy-then-judge.js";
export { copyThenJudge } from "./normalize/copy-then-judge.js";
export type { MetadataGroup, PlainRowCopySpec } from "./normalize/plain-row-spec.js";
export { metadataGroupsOf, sourceLinesOf } from "./normalize/plain-row-sql.js";
export type { SampledAgreementSpec, SampledPair } from "./normalize/sampled-agreement-check.js";
export { recordSampledAgreement } from "./normalize/sampled-agreement-check.js";
export type {
  AnyQueryDefinition,
  DomainDefinition,
  DomainInput,
  DomainLoad,
  QueryContext,
  QueryDefinition,
} from "./pipeline/define-domain.js";
export { defineDomain, defineQuery } from "./pipeline/define-domain.js";
export { definePipeline } from "./pipeline/define-pipeline.js";
export type { ParameterDescription, ParameterMeta } from "./pipeline/inspect-schema.js";
export { describeParameters } from "./pipeline/inspect-schema.js";
export type { PartitionKey } from "./pipeline/partition.js";
export type {
  AnyPipelineDefinition,
  ChildOptions,
  ExclusiveScope,
  PartitionDecision,
  PipelineContext,
  PipelineDefinition,
  PipelineOutcome,
  PlanContext,
  ProgressUpdate,
  QueuedPipeline,
  ReadContext,
  StageDeclaration,
} from "./pipeline/pipeline-types.js";
export type { ChartView, QueryChart } from "./pipeline/query-chart.js";
export { barChart, lineChart } from "./pipeline/query-chart.js";
export type {
  ColumnDictionary,
  ColumnMeaning,
  QueryColumn,
  QueryColumnType,
} from "./pipeline/query-columns.js";
export { defineColumnDictionary, shapeRows } from "./pipeline/query-columns.js";
export type { ParameterIssue } from "./pipeline/validate-params.js";
export { formatParameterIssues, parseParamsOrThrow, validateParams } from "./pipeline/validate-params.js";
export type { QualityCheckResult } from "./quality/quality-checks.js";
export { checkRowsAccounted, checkVolumeReconciles } from "./quality/quality-checks.js";
export type {
  QualityCheckInput,
  QualityRecorder,
  QualitySeverity,
  QualityStatus,
} from "./quality/quality-recorder.js";
export { recordCheckResult } from "./quality/record-check-result.js";
export type { CountCheck } from "./quality/record-count-check.js";
export { recordCountCheck } from "./quality/record-count-check.js";
export type { ActivityCounts } from "./quality/record-series-checks.js";
export { recordSeriesChecks } from "./quality/record-series-checks.js";
export { checkActivityConsistent, checkNotInFuture, checkRowCountDrop } from "./quality/research-checks.js";
export type { BackfillJobStatus, BackfillStatus } from "./queue/backfill-status.js";
export { readBackfillStatus } from "./queue/backfill-status.js";
export { cancelBackfill, retryBackfill } from "./queue/control-backfill.js";
export type { EnqueueOptions, QueuedBackfill } from "./queue/enqueue-backfill.js";
export { enqueueBackfill } from "./queue/enqueue-backfill.js";
export type { QueueRuntime } from "./queue/queue-runtime.js";
export type { Worker, WorkerOptions } from "./queue/start-worker.js";
export { startWorker } from "./queue/start-worker.js";
export { closestNames } from "./registry/closest-names.js";
export type { Registry } from "./registry/create-registry.js";
export { createRegistry } from "./registry/create-registry.js";
export type { CatalogEntry } from "./registry/describe-catalog.js";
export { describeCatalog, describePipeline, describeQuery } from "./registry/describe-catalog.js";
export type { RejectInput, RejectRecorder, RejectTarget } from "./rejects/reject-recorder.js";
export type { ArchivedTable, ArchiveHeader, WrittenArchive } from "./retention/archive-file.js";
export { readArchiveLines, verifyArchiveFile, writeArchiveFile } from "./retention/archive-file.js";
export type {
  ArchivedCapture,
  ArchiveRawOptions,
  ArchiveRawOutcome,
} from "./retention/archive-raw-captures.js";
export { archiveRawCaptures } from "./retention/archive-raw-captures.js";
export { assertRawRowsPresent } from "./retention/archived-capture-guard.js";
export type { ReleasedRows } from "./retention/raw-release.js";
export {
  rawReleaseOf,
  readWithReleasedRows,
  rebuildReleasedRawRows,
  releaseRawRows,
} from "./retention/raw-release.js";
export type { RestoredCapture } from "./retention/restore-raw-captures.js";
export { restoreRawCaptures } from "./retention/restore-raw-captures.js";
export { retentionCutoff } from "./retention/retention-cutoff.js";
export type { RestoreSelection } from "./retention/select-archived-captures.js";
export type { BoundExecution, Dispatcher } from "./runtime/create-dispatcher.js";
export { createDispatcher } from "./runtime/create-dispatcher.js";
export type { CreateSpineOptions, Spine } from "./runtime/create-spine.js";
export { createSpine } from "./runtime/create-spine.js";
export type { Execution, PlanStep, SubmitOptions } from "./runtime/execution.js";
export type { ProgressEvent, RuntimeDependencies } from "./runtime/runtime-dependencies.js";
export type { Settings, SettingsInput } from "./settings/settings.js";
export { archiveDirectoryOf, landingDirectoryOf, loadSettings, settingsSchema } from "./settings/settings.js";
export { isBlankLine } from "./sources/blank-line.js";
export { createSourceColumnReader } from "./sources/create-source-column-reader.js";
export type { Delimiter } from "./sources/delimiter.js";
export { detectDelimiter } from "./sources/delimiter.js";
export { isExactLayout } from "./sources/exact-layout.js";
export type {
  HeaderColumnSpec,
  HeaderColumnSpecs,
  HeaderColumns,
  HeaderSpec,
  ParsedHeader,
} from "./sources/header-spec.js";
export { defineHeaderSpec, parseHeaderLine } from "./sources/header-spec.js";
export type {
  HttpClient,
  HttpClientOptions,
  HttpRequest,
  HttpResponse,
} from "./sources/http/http-client.js";
export { createHttpClient } from "./sources/http/http-client.js";
export type { OffsetPage, OffsetPagination } from "./sources/http/offset-pagination.js";
export { fetchOffsetPages } from "./sources/http/offset-pagination.js";
export type { RateLimiter } from "./sources/http/rate-limiter.js";
export { createRateLimiter } from "./sources/http/rate-limiter.js";
export type { SecretRedactor } from "./sources/http/redact-secrets.js";
export { createSecretRedactor, redactSecrets } from "./sources/http/redact-secrets.js";
export type { RetryPolicy } from "./sources/http/retry-policy.js";
export {
  backoffDelay,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  retryDelay,
} from "./sources/http/retry-policy.js";
export type { ClientCredentials, TokenProvider } from "./sources/http/token-provider.js";
export { createClientCredentialsTokenProvider } from "./sources/http/token-provider.js";
export { plainDelimitedFields } from "./sources/plain-delimited-fields.js";
export type { LineAlignedChunk } from "./sources/read-lines.js";
export { readLineAlignedChunks, readLineBatches, readLines } from "./sources/read-lines.js";
export type { SourceRow, SourceStart } from "./sources/read-source-start.js";
export { readSourceStart } from "./sources/read-source-start.js";
export type {
  IdentifiedFile,
  ScannedDirectory,
  SourceIdentification,
} from "./sources/scan-source-directory.js";
export { scanSourceDirectory } from "./sources/scan-source-directory.js";
export type { SourceColumnReader } from "./sources/source-column-reader.js";
export { assertReadableFile, sha256File } from "./sources/source-file.js";
export type { SourceFileFacts, SourceFileFactsOptions } from "./sources/source-file-facts.js";
export { createSourceFileFacts, sourceFileFactsFor } from "./sources/source-file-facts.js";
export { splitDelimitedLine } from "./sources/split-delimited-line.js";
export type { CompressedSource } from "./sources/stored-source.js";
export {
  compressSourceFile,
  keepsStoredSources,
  readStoredSource,
  storeSource,
  storeSourceAlongside,
  unpackStoredSource,
} from "./sources/stored-source.js";
export { plainFieldAt, visitSourceColumn } from "./sources/visit-source-column.js";
export { visitSourceRows } from "./sources/visit-source-rows.js";
export { postgresCapabilities } from "./sql/postgres-capabilities.js";
export type {
  GroupedColumn,
  GroupedSums,
  GroupedSumsSpec,
  InsertIgnoringDuplicatesSpec,
  SchemaSource,
  SqlCapabilities,
} from "./sql/sql-capabilities.js";
export { sqliteCapabilities } from "./sql/sqlite-capabilities.js";
export type { PartitionDefinition, PartitionInput, PartitionOrder } from "./stages/define-partition.js";
export { definePartition } from "./stages/define-partition.js";
export type { StageGraph, StageGraphInput, WindowDependency } from "./stages/define-stage-graph.js";
export { defineStageGraph } from "./stages/define-stage-graph.js";
