import type { CaptureRow } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { PartitionKey } from "../pipeline/partition.js";
import type { StageGraph } from "../stages/define-stage-graph.js";

/** A table whose rows belong to captures through its `capture_id` column. */
export interface CapturedTableDefinition {
  readonly name: string;
  /**
   * Columns holding the partition's fields (named as the fields), when the table stores them: its
   * `_latest` view then joins on them so a filter on the partition seeks (see latestViewSql).
   */
  readonly partitionColumns?: readonly string[];
  /** False for side tables (a capture's profile, say) whose rows are not counted as data rows. */
  readonly countRows?: boolean;
  /** Columns identifying a row within a capture, so a comparison of captures pairs rows by them. */
  readonly keyColumns?: readonly string[];
  /**
   * True for the rows a source file was loaded into as they were (raw lines): retention may move
   * them to an archive file once old enough (see archiveRawCaptures); derived tables always stay.
   */
  readonly raw?: boolean;
  /** Columns besides the platform's audit columns that a comparison of captures ignores. */
  readonly auditColumns?: readonly string[];
  /**
   * A view of the table's rows (same capture_id and key columns) that a comparison of captures reads
   * instead, when the table stores some values elsewhere (once per key, see SharedValueColumn): two
   * captures then differ where their readers would see a difference.
   */
  readonly comparedAs?: string;
}

/** What a domain declares about its captures; everything else about captures the platform provides. */
export interface CapturesInput {
  readonly domain: string;
  /**
   * The domain's stage graph: listings sort by its stage order, its partition gives the fields,
   * and a rollback makes later stages, and the window stages reading them, stale.
   */
  readonly graph: StageGraph;
  /**
   * The readable middle of a capture id, e.g. `otc:2025-10-03`: ids read
   * `stage:<label>:[variant:]n`, so listings are readable without a lookup.
   */
  readonly partitionLabel: (partition: PartitionKey) => string;
  /** Every table of rows that belong to a capture; a rollback deletes from each. */
  readonly tables: readonly CapturedTableDefinition[];
  /**
   * Writes a raw capture's rows into its raw tables again from its source file at `sourcePath`
   * (the rows its ingest wrote, no more) and returns how many. A domain declaring it lets the
   * platform release raw rows once normalized (releaseRawRows) and rebuild them when a stage or a
   * restore needs them; without it raw rows stay until retention archives them.
   */
  readonly rawRowsFromSource?: (scope: SqlScope, capture: CaptureRow, sourcePath: string) => Promise<number>;
}

/** A domain's captures as {@link defineCaptures} returns them. */
export interface CapturesDefinition extends CapturesInput {
  /** The partition's field names, e.g. `["tier", "week_ending"]` (from the graph's partition). */
  readonly partitionFields: readonly string[];
}

const identifier = /^[a-z_][a-z0-9_]*$/;

function assertIdentifier(name: string, what: string): void {
  if (!identifier.test(name)) {
    throw new SpineError("INTERNAL", `${what} ${JSON.stringify(name)} is not a lower-case SQL identifier`);
  }
}

/** Declares a captured table; its name and partition columns must be plain SQL identifiers. */
export function defineCapturedTable(definition: CapturedTableDefinition): CapturedTableDefinition {
  assertIdentifier(definition.name, "Captured table");
  for (const column of definition.partitionColumns ?? []) assertIdentifier(column, "Partition column");
  if (definition.comparedAs !== undefined) assertIdentifier(definition.comparedAs, "Compared view");
  return Object.freeze(definition);
}

/** Declares a domain's captures: its stage graph, capture ids and captured tables. */
export function defineCaptures(input: CapturesInput): CapturesDefinition {
  const partitionFields = input.graph.partition.fields;
  for (const field of partitionFields) assertIdentifier(field, "Partition field");
  return Object.freeze({ ...input, partitionFields });
}
