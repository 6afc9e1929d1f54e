import type { ExecutionRecord, Spine } from "@spine/platform";
import { getExecution, SpineError } from "@spine/platform";

const candidateLimit = 10;

// Ids are UUIDs; anything else cannot prefix one, and must not reach LIKE as a wildcard.
const prefixPattern = /^[0-9A-Za-z-]+$/;

/**
 * The execution an id or an unambiguous id prefix names (`spine executions show 3f2a`). An
 * ambiguous prefix is a USAGE error listing the candidates; no match is NOT_FOUND.
 */
export async function findExecution(spine: Spine, idOrPrefix: string): Promise<ExecutionRecord> {
  const exact = await getExecution(spine.database.db, idOrPrefix);
  if (exact) return exact;
  const candidates = prefixPattern.test(idOrPrefix)
    ? await spine.database.db
        .selectFrom("core_executions")
        .select(["id", "pipeline", "status", "created_at"])
        .where("id", "like", `${idOrPrefix.toLowerCase()}%`)
        .orderBy("created_at", "desc")
        .limit(candidateLimit + 1)
        .execute()
    : [];
  const [only] = candidates;
  if (candidates.length === 1 && only) {
    const record = await getExecution(spine.database.db, only.id);
    if (record) return record;
  }
  if (candidates.length === 0) {
    throw new SpineError(
      "NOT_FOUND",
      `No execution with id "${idOrPrefix}". List them with \`spine executions list\`.`,
      { details: { id: idOrPrefix } },
    );
  }
  const shown = candidates.slice(0, candidateLimit);
  const lines = shown.map((row) => `  ${row.id}  ${row.pipeline}  ${row.status}  ${row.created_at}`);
  const more = candidates.length > candidateLimit ? "\n  ..." : "";
  throw new SpineError(
    "USAGE",
    `The id prefix "${idOrPrefix}" is ambiguous; it starts ${candidates.length > candidateLimit ? `more than ${candidateLimit}` : candidates.length} executions:\n${lines.join("\n")}${more}\nType more of the id.`,
    { details: { prefix: idOrPrefix, candidates: shown.map((row) => row.id) } },
  );
}
