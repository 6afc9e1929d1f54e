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

function selected(table: string, alias: string, columns: readonly string[]) {
  return columns.map((column) => sql`${sql.ref(`${table}.${column}`)} as ${sql.ref(`${alias}_${column}`)}`);
}

function pick(row: Record<string, unknown>, alias: string, columns: readonly string[]) {
  return Object.fromEntries(columns.map((column) => [column, row[`${alias}_${column}`]]));
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
  const { stored, source, every } = spec;
  const columns = [
    ...selected("kept_row", "stored", stored.columns),
    ...selected("raw_row", "source", source.columns),
  ];
  const sample = await sql<Record<string, unknown>>`select kept_row.line_number, ${sql.join(columns)}
  from ${sql.table(stored.table)} kept_row
  join ${sql.table(source.table)} raw_row on raw_row.capture_id = ${source.captureId} and raw_row.line_number = kept_row.line_number
  where kept_row.capture_id = ${stored.captureId} and kept_row.line_number % ${every} = 0`.execute(
    context.scope.db,
  );
  const mismatches = sample.rows
    .map((row) => ({
      lineNumber: Number(row.line_number),
      stored: pick(row, "stored", stored.columns),
      source: pick(row, "source", source.columns),
    }))
    .filter(spec.disagrees)
    .map((pair) => pair.lineNumber);
  await context.quality.record({
    checkName: spec.checkName,
    severity: "critical",
    status: mismatches.length === 0 ? "pass" : "fail",
    message:
      mismatches.length === 0
        ? `${sample.rows.length} sampled ${spec.noun} (every ${every}th line) read back as their raw text parses`
        : `stored ${spec.noun} differ from their raw text at lines ${mismatches.slice(0, 10).join(", ")}`,
    actual: mismatches.length,
    expectedValue: 0,
  });
}
