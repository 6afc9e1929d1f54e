import { canonicalJson } from "../database/canonical-json.js";
import { createManifestReader, invalidateStages } from "../manifest/manifest-store.js";
import type { PartitionKey } from "../pipeline/partition.js";
import type { ExclusiveScope } from "../pipeline/pipeline-types.js";
import type { RuntimeDependencies } from "./runtime-dependencies.js";

/**
 * Takes a partition's lock (the key its stages use) and runs `work` in one transaction, so a
 * change made outside a stage can neither interleave with a running stage nor be half-applied.
 */
export async function runExclusive<T>(
  dependencies: RuntimeDependencies,
  executionId: string,
  target: { readonly domain: string; readonly partition: PartitionKey },
  work: (exclusive: ExclusiveScope) => Promise<T>,
): Promise<T> {
  const key = `${target.domain}:${canonicalJson(target.partition)}`;
  const lock = await dependencies.locks.acquire(key, executionId, dependencies.lockTimeoutMs);
  try {
    return await dependencies.database.transaction((scope) =>
      work({
        scope,
        manifest: createManifestReader(scope.db),
        invalidate: (stages, reason) =>
          invalidateStages(scope.db, target.domain, target.partition, stages, {
            reason: reason ?? `changed by execution ${executionId}`,
            at: new Date().toISOString(),
          }),
      }),
    );
  } finally {
    await lock.release();
  }
}
