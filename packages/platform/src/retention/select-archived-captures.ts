import type { CaptureRow } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { DomainDefinition } from "../pipeline/define-domain.js";
import { capturesWithRawTables, orderValueOf } from "./raw-captures.js";
import { rawReleaseOf } from "./raw-release.js";

/** Which archived (or released, see releaseRawRows) captures to restore: one by id, or those of a partition's order value and fields. */
export interface RestoreSelection {
  readonly captureId?: string;
  readonly domain?: string;
  /** The partition's order value, e.g. a week ending `2025-11-14`. */
  readonly orderValue?: string;
  /** Further partition fields to match, e.g. `{ tier: "OTC" }`. */
  readonly fields?: Readonly<Record<string, string>>;
}

async function byId(scope: SqlScope, captureId: string): Promise<CaptureRow[]> {
  const capture = await scope.db
    .selectFrom("core_captures")
    .selectAll()
    .where("capture_id", "=", captureId)
    .executeTakeFirst();
  if (!capture)
    throw new SpineError(
      "NOT_FOUND",
      `Capture ${captureId} does not exist; list captures with <domain>.captures.`,
      {
        details: { capture_id: captureId },
      },
    );
  if (capture.archived_at === null && (await rawReleaseOf(scope, captureId)) === null)
    throw new SpineError(
      "VALIDATION",
      `Capture ${captureId} is not archived: its raw rows are in the database.`,
      {
        details: { capture_id: captureId },
      },
    );
  return [capture];
}

function describe(selection: RestoreSelection): string {
  const parts = Object.entries({ domain: selection.domain, ...selection.fields }).filter(
    ([, value]) => value,
  );
  return [selection.orderValue, ...parts.map(([name, value]) => `${name} ${value}`)]
    .filter(Boolean)
    .join(", ");
}

/**
 * The archived captures a restore selection names, and those whose raw rows were released after
 * normalize: one by id (which must exist and be one of them), or every one of the matching partitions; NOT_FOUND when none matches, listing the
 * order values that are archived.
 */
export async function selectArchivedCaptures(
  scope: SqlScope,
  domains: readonly DomainDefinition[],
  selection: RestoreSelection,
): Promise<CaptureRow[]> {
  if (selection.captureId !== undefined) return byId(scope, selection.captureId);
  const matched: CaptureRow[] = [];
  const archivedValues = new Set<string>();
  for (const captures of capturesWithRawTables(domains)) {
    if (selection.domain !== undefined && captures.domain !== selection.domain) continue;
    const archived = await scope.db
      .selectFrom("core_captures")
      .selectAll()
      .where("domain", "=", captures.domain)
      .where((where) =>
        where.or([
          where("archived_at", "is not", null),
          where("capture_id", "in", scope.db.selectFrom("core_raw_releases").select("capture_id")),
        ]),
      )
      .orderBy("capture_id")
      .execute();
    for (const capture of archived) {
      const key = JSON.parse(capture.partition_key) as Record<string, unknown>;
      archivedValues.add(orderValueOf(captures, capture));
      const fieldsMatch = Object.entries(selection.fields ?? {}).every(
        ([field, value]) => String(key[field]) === value,
      );
      const orderMatches =
        selection.orderValue === undefined || orderValueOf(captures, capture) === selection.orderValue;
      if (fieldsMatch && orderMatches) matched.push(capture);
    }
  }
  if (matched.length > 0) return matched;
  const known = [...archivedValues].sort();
  const hint =
    known.length === 0
      ? "nothing is archived"
      : `archived: ${known.slice(0, 5).join(", ")}${known.length > 5 ? ", ..." : ""}`;
  throw new SpineError(
    "NOT_FOUND",
    `No archived raw capture matches ${describe(selection) || "the selection"} (${hint}).`,
    {
      details: { ...selection, archived: known },
    },
  );
}
