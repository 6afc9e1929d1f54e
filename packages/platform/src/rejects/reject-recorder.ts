import { canonicalJson } from "../database/canonical-json.js";
import type { BulkRows, SqlScope } from "../database/spine-database.js";
import type { PartitionKey } from "../pipeline/partition.js";

/** One rejected input record: why, where, and the record itself so nothing is lost. */
export interface RejectInput {
  readonly reasonCode: string;
  readonly reasonDetail: string;
  readonly lineNumber?: number | null;
  readonly rawRecord?: string | null;
  readonly source?: string | null;
}

/** Where rejects are filed; defaults to the running stage's domain, partition and stage. */
export interface RejectTarget {
  readonly domain: string;
  readonly partition: PartitionKey;
  readonly stage: string;
}

/** Records rejected rows into `core_rejects`, in the current transaction. */
export interface RejectRecorder {
  record(rejects: Iterable<RejectInput> | AsyncIterable<RejectInput>, target?: RejectTarget): Promise<number>;
}

const columns = [
  "domain",
  "partition_key",
  "stage",
  "reason_code",
  "reason_detail",
  "line_number",
  "raw_record",
  "source",
  "execution_id",
  "batch_id",
  "created_at",
] as const;

/** Creates the recorder handed to a pipeline; `defaultTarget` is null for orchestrators. */
export function createRejectRecorder(
  scope: SqlScope,
  lineage: { executionId: string; batchId: string; now: () => Date },
  defaultTarget: RejectTarget | null,
): RejectRecorder {
  return {
    async record(rejects, target) {
      const resolved = target ?? defaultTarget;
      if (!resolved)
        throw new Error("Rejects outside a stage need an explicit target (domain, partition, stage).");
      const partitionKey = canonicalJson(resolved.partition);
      const createdAt = lineage.now().toISOString();
      async function* rows(): AsyncGenerator<readonly unknown[]> {
        for await (const reject of rejects) {
          yield [
            resolved?.domain,
            partitionKey,
            resolved?.stage,
            reject.reasonCode,
            reject.reasonDetail,
            reject.lineNumber ?? null,
            reject.rawRecord ?? null,
            reject.source ?? null,
            lineage.executionId,
            lineage.batchId,
            createdAt,
          ];
        }
      }
      return scope.bulkInsert("core_rejects", columns, rows() as BulkRows);
    },
  };
}
