import type { Kysely } from "kysely";
import { canonicalJson } from "../database/canonical-json.js";
import type { CoreTables } from "../database/core-tables.js";
import type { DomainDefinition } from "../pipeline/define-domain.js";
import { baseStageOf } from "./manifest-store.js";

/** What one stage of one partition is: done, stale (an input changed), failed, running or missing. */
export type CoverageStatus = "done" | "stale" | "failed" | "running" | "missing";

/** One cell of the grid: a stage of a partition. */
export interface CoverageCell {
  readonly status: CoverageStatus;
  /** The execution behind the status (the one that did, failed or is running it), when there is one. */
  readonly executionId: string | null;
  /** Why it is stale or failed. */
  readonly reason: string | null;
  readonly rowCount: number | null;
}

/** One partition's row of the grid; `gap` marks a partition absent inside its series' range. */
export interface CoverageRow {
  readonly partition: Readonly<Record<string, string>>;
  readonly gap: boolean;
  /** True when raw rows of the partition were archived (`spine archive`): `spine restore` brings them back. */
  readonly rawArchived: boolean;
  /** True when raw rows of the partition were released once read: its stored source file rebuilds them on demand. */
  readonly rawReleased: boolean;
  readonly cells: Readonly<Record<string, CoverageCell>>;
}

/** A domain's partitions x stages, from the manifest (done, stale) and live or failed executions. */
export interface CoverageGrid {
  readonly domain: string;
  readonly stages: readonly string[];
  readonly partitionFields: readonly string[];
  readonly rows: readonly CoverageRow[];
}

const missingCell: CoverageCell = { status: "missing", executionId: null, reason: null, rowCount: null };

type MutableRow = {
  partition: Record<string, string>;
  gap: boolean;
  cells: Record<string, CoverageCell>;
  rawArchived?: boolean;
  rawReleased?: boolean;
};

function rowOf(rows: Map<string, MutableRow>, partitionKey: string): MutableRow {
  let row = rows.get(partitionKey);
  if (!row) {
    const parsed = JSON.parse(partitionKey) as Record<string, string | number>;
    const partition = Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
    row = { partition, gap: false, cells: {} };
    rows.set(partitionKey, row);
  }
  return row;
}

async function archivedPartitions(db: Kysely<CoreTables>, domain: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("core_captures")
    .select("partition_key")
    .distinct()
    .where("domain", "=", domain)
    .where("archived_at", "is not", null)
    .execute();
  return new Set(rows.map((row) => row.partition_key));
}

async function releasedPartitions(db: Kysely<CoreTables>, domain: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("core_captures as c")
    .innerJoin("core_raw_releases as r", "r.capture_id", "c.capture_id")
    .select("c.partition_key")
    .distinct()
    .where("c.domain", "=", domain)
    .execute();
  return new Set(rows.map((row) => row.partition_key));
}

async function addManifestCells(db: Kysely<CoreTables>, domain: string, rows: Map<string, MutableRow>) {
  const entries = await db
    .selectFrom("core_manifest")
    .select(["partition_key", "stage", "execution_id", "stale_reason", "row_count", "updated_at"])
    .where("domain", "=", domain)
    .orderBy("updated_at")
    .execute();
  const finished = new Map<string, string>();
  for (const entry of entries) {
    const stage = baseStageOf(entry.stage);
    const row = rowOf(rows, entry.partition_key);
    // A stage with variants (calculation versions, windows) is stale when any variant is.
    if (row.cells[stage]?.status === "stale") continue;
    row.cells[stage] = {
      status: entry.stale_reason === null ? "done" : "stale",
      executionId: entry.execution_id,
      reason: entry.stale_reason,
      rowCount: Number(entry.row_count),
    };
    finished.set(`${entry.partition_key}\u0000${stage}`, entry.updated_at);
  }
  return finished;
}

// A run that failed before it knew its partition (a bad header) has no logical key; when its
// parameters name every partition field, the failure still belongs to that partition.
function partitionNamedBy(domain: DomainDefinition, params: string): string | null {
  const fields = domain.graph?.partition.fields ?? [];
  const given = JSON.parse(params) as Record<string, unknown>;
  if (fields.length === 0 || !fields.every((field) => typeof given[field] === "string")) return null;
  return canonicalJson(Object.fromEntries(fields.map((field) => [field, given[field]])));
}

// Only executions still running or failed are read (an indexed few), never the history of runs; a
// failure counts while no later success replaced it in the manifest.
async function addExecutionCells(
  db: Kysely<CoreTables>,
  domain: DomainDefinition,
  rows: Map<string, MutableRow>,
  finished: ReadonlyMap<string, string>,
): Promise<void> {
  const stageOf = new Map(
    domain.pipelines.flatMap((pipeline) => (pipeline.stage ? [[pipeline.name, pipeline.stage.stage]] : [])),
  );
  const prefix = `${domain.name}:`;
  const executions = await db
    .selectFrom("core_executions")
    .select(["id", "pipeline", "status", "logical_key", "params", "error", "created_at"])
    .where("status", "in", ["running", "failed"])
    .where("pipeline", "in", [...stageOf.keys(), ""])
    .orderBy("created_at")
    .execute();
  for (const execution of executions) {
    const stage = stageOf.get(execution.pipeline);
    const partitionKey = execution.logical_key?.startsWith(prefix)
      ? execution.logical_key.slice(prefix.length)
      : partitionNamedBy(domain, execution.params);
    if (!stage || partitionKey === null) continue;
    const doneAt = finished.get(`${partitionKey}\u0000${stage}`);
    if (execution.status === "failed" && doneAt !== undefined && doneAt >= execution.created_at) continue;
    const row = rowOf(rows, partitionKey);
    row.cells[stage] = {
      status: execution.status === "running" ? "running" : "failed",
      executionId: execution.id,
      reason: execution.error,
      rowCount: row.cells[stage]?.rowCount ?? null,
    };
  }
}

// Partitions absent inside a series' range (a week never loaded between two loaded ones) are rows
// too, every stage missing: the grid shows holes, not just what exists.
function addGaps(domain: DomainDefinition, rows: Map<string, MutableRow>): void {
  const partition = domain.graph?.partition;
  if (!partition) return;
  const field = partition.order.field;
  const series = new Map<string, MutableRow[]>();
  for (const row of rows.values()) {
    const members = series.get(partition.seriesOf(row.partition)) ?? [];
    members.push(row);
    series.set(partition.seriesOf(row.partition), members);
  }
  for (const members of series.values()) {
    const values = new Set(members.map((row) => row.partition[field] ?? ""));
    const sorted = [...values].sort();
    const [first, last] = [sorted[0], sorted.at(-1)];
    if (first === undefined || last === undefined || !members[0]) continue;
    let value = partition.order.advance(first, 1);
    // Bounded: a series spans at most a few thousand partitions (decades of weeks).
    for (let step = 0; value < last && step < 10_000; step++, value = partition.order.advance(value, 1)) {
      if (values.has(value)) continue;
      const key = { ...members[0].partition, [field]: value };
      const ordered = Object.fromEntries(partition.fields.map((name) => [name, key[name] ?? ""]));
      rows.set(JSON.stringify(ordered), { partition: ordered, gap: true, cells: {} });
    }
  }
}

/**
 * Reads a domain's coverage grid: every partition the manifest or a live or failed execution knows,
 * plus the gaps inside each series, with each stage's status. Newest partitions first.
 */
export async function readCoverageGrid(
  db: Kysely<CoreTables>,
  domain: DomainDefinition,
): Promise<CoverageGrid> {
  const rows = new Map<string, MutableRow>();
  const finished = await addManifestCells(db, domain.name, rows);
  await addExecutionCells(db, domain, rows, finished);
  addGaps(domain, rows);
  for (const key of await archivedPartitions(db, domain.name)) {
    const row = rows.get(key);
    if (row) row.rawArchived = true;
  }
  for (const key of await releasedPartitions(db, domain.name)) {
    const row = rows.get(key);
    if (row) row.rawReleased = true;
  }
  const partitionFields = domain.graph?.partition.fields ?? [];
  const orderField = domain.graph?.partition.order.field;
  const sortKey = (row: MutableRow) =>
    `${orderField ? row.partition[orderField] : ""}\u0000${JSON.stringify(row.partition)}`;
  const sorted = [...rows.values()].sort((left, right) => (sortKey(left) < sortKey(right) ? 1 : -1));
  return {
    domain: domain.name,
    stages: domain.stages,
    partitionFields,
    rows: sorted.map((row) => ({
      partition: row.partition,
      gap: row.gap,
      rawArchived: row.rawArchived === true,
      rawReleased: row.rawReleased === true,
      cells: Object.fromEntries(domain.stages.map((stage) => [stage, row.cells[stage] ?? missingCell])),
    })),
  };
}
