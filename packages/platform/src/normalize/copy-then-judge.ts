import type { SqlScope } from "../database/spine-database.js";
import type { MetadataGroup, PlainRowCopySpec } from "./plain-row-spec.js";
import { judgedRowsFilter, plainRowPredicate } from "./plain-row-spec.js";
import { insertPlainRows, removeCopiedRowsOfKeys, repeatedKeysOf, sourceRowPages } from "./plain-row-sql.js";

// Bounds the SQL text: rows of further combinations are judged row by row.
const maxAcceptedMetadata = 50;

/** What {@link copyThenJudge} works on. */
export interface CopyThenJudgeWork<Row, Metadata extends string = string> {
  /** The new capture of the target table, and the raw capture it reads. */
  readonly captureId: string;
  readonly inputCaptureId: string;
  /** The capture's metadata combinations (metadataGroupsOf). */
  readonly groups: readonly MetadataGroup<Metadata>[];
  /** The domain's verdict on a combination: whether any row carrying it passes every rule that reads it. */
  readonly acceptsMetadata: (group: MetadataGroup<Metadata>) => boolean;
  /**
   * Called once the copy is done, when rows remain to judge: `copied` rows are already in the
   * target, and `repeatedKeys` lists the keys on several rows (their copied rows were removed, and
   * their every row comes to the judge). Returns what handles each page of rows to judge, in line order.
   */
  readonly startJudging: (state: {
    readonly copied: number;
    readonly repeatedKeys: readonly (readonly string[])[];
  }) => (page: readonly Row[]) => Promise<void>;
}

/** How many rows the set-based copy kept (after repeated keys were handed to the judge). */
export interface CopyThenJudgeResult {
  readonly copied: number;
  readonly rawRows: number;
}

function metadataKey<Metadata extends string>(
  spec: PlainRowCopySpec<Metadata>,
  group: MetadataGroup<Metadata>,
): string {
  return JSON.stringify(spec.metadataColumns.map((column) => group[column]));
}

// The largest accepted combinations first; ties broken by the values, so every backend copies alike.
function acceptedGroups<Row, Metadata extends string>(
  spec: PlainRowCopySpec<Metadata>,
  work: CopyThenJudgeWork<Row, Metadata>,
): MetadataGroup<Metadata>[] {
  return work.groups
    .filter((group) => work.acceptsMetadata(group))
    .sort((a, b) => {
      const [left, right] = [metadataKey(spec, a), metadataKey(spec, b)];
      return b.rows - a.rows || (left < right ? -1 : left > right ? 1 : 0);
    })
    .slice(0, maxAcceptedMetadata);
}

/**
 * The set-based normalize of one raw capture (see PlainRowCopySpec): copies the plain rows with
 * one INSERT ... SELECT, then hands the domain's judge, page by page in line order, every row the
 * copy did not take and every row of a repeated key (whose copied row is removed first: which
 * occurrence is kept depends on the others). When every raw row was copied no key can repeat and
 * nothing is read. The domain's judge must give a plain row the verdict the copy gave it; a domain
 * proves that with a test comparing both paths.
 */
export async function copyThenJudge<Row, Metadata extends string>(
  scope: SqlScope,
  spec: PlainRowCopySpec<Metadata>,
  work: CopyThenJudgeWork<Row, Metadata>,
): Promise<CopyThenJudgeResult> {
  const rawRows = work.groups.reduce((sum, group) => sum + group.rows, 0);
  const accepted = acceptedGroups(spec, work);
  const plain = plainRowPredicate(spec, scope.sql, accepted, {
    coversEveryRow: accepted.length === work.groups.length,
    everyRowClean: work.groups.every((group) => group.cleanRows === group.rows),
  });
  let copied = plain === null ? 0 : await insertPlainRows(scope, spec, plain, work);
  if (copied === rawRows) return { copied, rawRows };
  const repeatedKeys = await repeatedKeysOf(scope, spec, work.inputCaptureId);
  copied -= await removeCopiedRowsOfKeys(scope, spec, work.captureId, repeatedKeys);
  const judgePage = work.startJudging({ copied, repeatedKeys });
  const filter = judgedRowsFilter(spec, plain, repeatedKeys);
  for await (const page of sourceRowPages<Row>(scope, spec, work.inputCaptureId, filter))
    await judgePage(page);
  return { copied, rawRows };
}
