import type { Kysely } from "kysely";
import { canonicalJson } from "../database/canonical-json.js";
import type { CoreTables } from "../database/core-tables.js";
import type { PartitionKey } from "../pipeline/partition.js";

/** Where a stage's input was loaded before: the partition's capture that recorded the same source. */
export interface KnownInput {
  readonly captureId: string;
  readonly publicationDate: string | null;
}

/**
 * The capture of a partition's stage whose source sha256 equals a stage's fingerprint, or null. A
 * stage whose fingerprint is its source file's sha256 (as an ingest's is) has then already loaded
 * this very file, perhaps as an older revision than the current one: loading it again would add a
 * revision that holds nothing new, so the runtime skips it unless forced.
 */
export async function findKnownInput(
  db: Kysely<CoreTables>,
  target: { readonly domain: string; readonly partition: PartitionKey; readonly stage: string },
  fingerprint: string | undefined,
): Promise<KnownInput | null> {
  if (fingerprint === undefined) return null;
  const row = await db
    .selectFrom("core_captures")
    .select(["capture_id", "publication_date"])
    .where("domain", "=", target.domain)
    .where("partition_key", "=", canonicalJson(target.partition))
    .where("stage", "=", target.stage)
    .where("source_sha256", "=", fingerprint)
    .orderBy("capture_number")
    .executeTakeFirst();
  return row ? { captureId: row.capture_id, publicationDate: row.publication_date } : null;
}

/** The reason a plan or run gives for skipping a known input. */
export function knownInputReason(known: KnownInput): string {
  const published = known.publicationDate === null ? "" : ` (published ${known.publicationDate})`;
  return `this file was already loaded as capture ${known.captureId}${published}; loading it again would add no new revision (force to reload)`;
}
