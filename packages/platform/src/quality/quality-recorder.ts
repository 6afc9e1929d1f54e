import { canonicalJson } from "../database/canonical-json.js";
import type { SqlScope } from "../database/spine-database.js";
import type { PartitionKey } from "../pipeline/partition.js";

/**
 * What a check's outcome means, the same everywhere: info (passed), warn (look at it), error
 * (failed) and critical (failed and blocks the stage: it fails and writes nothing). The recorder
 * derives it from the status (see {@link severityOfOutcome}); a check declares only whether its
 * failure blocks, by passing `critical`.
 */
export type QualitySeverity = "info" | "warn" | "error" | "critical";
/** What a check found. */
export type QualityStatus = "pass" | "warn" | "fail";

/** One data-quality check result. */
export interface QualityCheckInput {
  readonly checkName: string;
  readonly severity: QualitySeverity;
  readonly status: QualityStatus;
  readonly message: string;
  /** True when a failure is known and accepted (e.g. a FINRA quirk); it is still recorded. */
  readonly expected?: boolean;
  readonly actual?: unknown;
  readonly expectedValue?: unknown;
  readonly partition?: PartitionKey;
  readonly domain?: string;
}

/** The severity recorded for a check: its outcome, critical only for a failure that blocks. */
export function severityOfOutcome(check: Pick<QualityCheckInput, "severity" | "status">): QualitySeverity {
  if (check.status === "pass") return "info";
  if (check.status === "warn") return "warn";
  return check.severity === "critical" ? "critical" : "error";
}

/** Records quality checks into `core_quality`, in the current transaction. */
export interface QualityRecorder {
  record(check: QualityCheckInput): Promise<void>;
  /** The checks recorded through this recorder so far (for metrics and summaries). */
  recorded(): readonly QualityCheckInput[];
}

function encode(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Creates the recorder handed to a pipeline. */
export function createQualityRecorder(
  scope: SqlScope,
  lineage: { executionId: string; batchId: string; now: () => Date },
  defaults: { domain: string; partition: PartitionKey } | null,
): QualityRecorder {
  const seen: QualityCheckInput[] = [];
  return {
    async record(declared) {
      const check = { ...declared, severity: severityOfOutcome(declared) };
      const domain = check.domain ?? defaults?.domain;
      const partition = check.partition ?? defaults?.partition;
      if (!domain || !partition)
        throw new Error(`Quality check ${check.checkName} needs a domain and partition.`);
      await scope.db
        .insertInto("core_quality")
        .values({
          domain,
          partition_key: canonicalJson(partition),
          check_name: check.checkName,
          severity: check.severity,
          status: check.status,
          expected: check.expected ? 1 : 0,
          actual_value: encode(check.actual),
          expected_value: encode(check.expectedValue),
          message: check.message,
          execution_id: lineage.executionId,
          batch_id: lineage.batchId,
          created_at: lineage.now().toISOString(),
        })
        .execute();
      seen.push(check);
    },
    recorded: () => seen,
  };
}
