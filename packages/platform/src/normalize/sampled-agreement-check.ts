import { sql } from "kysely";
import type { SqlScope } from "../database/spine-database.js";
import type { QualityRecorder } from "../quality/quality-recorder.js";

/** One sampled pair: a stored row and the raw row it came from (same line number). */
export interface SampledPair {
  readonly lineNumber: number;
  readonly stored: Readonly<Record<string, unknown>>;
  readonly source: Readonly<Record<string, unknown>>;
}

/** What {@link recordSampledAgreement} compares. */
export interface SampledAgreementSpec {
  readonly checkName: string;
  /** The rows as stored (capture_id, line_number, `columns`) and the capture sampled. */
  readonly stored: {
    readonly table: string;
    readonly captureId: string;
    readonly columns: readonly string[];
  };
  /** The raw rows they came from. */
  readonly source: {
    readonly table: string;
    readonly captureId: string;
    readonly columns: readonly string[];
  };
  /** Every how many lines a row is sampled: a prime, so no regular layout of a file hides from it. */
  readonly every: number;
  /** True when the pure rules read the raw row as something else than what is stored. */
  readonly disagrees: (pair: SampledPair) => boolean;
  /** What the rows are, in the messages ("venue rows"). */
  readonly noun: string;
}

// Line numbers per IN list: a 1M-row week samples about 10,000.
const linesPerRead = 10_000;

function columnList(columns: readonly string[]) {
  return sql.join(columns.map((column) => sql.ref(column)));
}

// The sampled stored rows, then their raw rows by line number: an IN list of line numbers probes
// the raw key, where a join read every raw row of the capture (PostgreSQL hashes both sides).
async function sampledPairs(scope: SqlScope, spec: SampledAgreementSpec): Promise<SampledPair[]> {
  const { stored, source, every } = spec;
  type Row = Record<string, unknown> & { readonly line_number: number | string };
  const storedRows = (
    await sql<Row>`select line_number, ${columnList(stored.columns)} from ${sql.table(stored.table)}
      where capture_id = ${stored.captureId} and line_number % ${every} = 0`.execute(scope.db)
  ).rows;
  const sourceRows = new Map<number, Row>();
  for (let start = 0; start < storedRows.length; start += linesPerRead) {
    const lines = storedRows
      .slice(start, start + linesPerRead)
      .map((row) => sql.lit(Number(row.line_number)));
    const read =
      await sql<Row>`select line_number, ${columnList(source.columns)} from ${sql.table(source.table)}
      where capture_id = ${source.captureId} and line_number in (${sql.join(lines)})`.execute(scope.db);
    for (const row of read.rows) sourceRows.set(Number(row.line_number), row);
  }
  return storedRows.flatMap((row) => {
    const lineNumber = Number(row.line_number);
    const sourceRow = sourceRows.get(lineNumber);
    return sourceRow === undefined ? [] : [{ lineNumber, stored: row, source: sourceRow }];
  });
}

/**
 * Re-reads every Nth stored row beside its raw row and records, as a critical check, whether the
 * pure rules read the raw text as what was stored: an independent check that a set-based copy
 * (copyThenJudge) agrees with the row rules on this file's real data. A mismatch fails the stage.
 */
export async function recordSampledAgreement(
  context: { readonly scope: SqlScope; readonly quality: Pick<QualityRecorder, "record"> },
  spec: SampledAgreementSpec,
): Promise<void> {
  const pairs = await sampledPairs(context.scope, spec);
  const mismatches = pairs
    .filter(spec.disagrees)
    .map((pair) => pair.lineNumber)
    .sort((left, right) => left - right);
  await context.quality.record({
    checkName: spec.checkName,
    severity: "critical",
    status: mismatches.length === 0 ? "pass" : "fail",
    message:
      mismatches.length === 0
        ? `${pairs.length} sampled ${spec.noun} (every ${spec.every}th line) read back as their raw text parses`
        : `stored ${spec.noun} differ from their raw text at lines ${mismatches.slice(0, 10).join(", ")}`,
    actual: mismatches.length,
    expectedValue: 0,
  });
}
