import type { QualityRecorder } from "./quality-recorder.js";

/** What {@link recordCountCheck} records. */
export interface CountCheck {
  readonly checkName: string;
  readonly actual: number;
  readonly expected: number;
  readonly message: string;
  /** The outcome when the counts differ: a failure (the default) or a warning. */
  readonly mismatch?: "fail" | "warn";
  /** A failure blocks the stage (critical) rather than being recorded as an error. */
  readonly critical?: boolean;
  /** The mismatch is known and accepted (partial history, say); it is still recorded. */
  readonly expectedOutcome?: boolean;
}

/**
 * Records whether a count is what it should be, the commonest check a stage makes (rows written =
 * rows read, one output row per input key, no duplicates): pass when equal, else `mismatch`.
 */
export async function recordCountCheck(
  quality: Pick<QualityRecorder, "record">,
  check: CountCheck,
): Promise<void> {
  await quality.record({
    checkName: check.checkName,
    severity: check.critical === true ? "critical" : "error",
    status: check.actual === check.expected ? "pass" : (check.mismatch ?? "fail"),
    message: check.message,
    ...(check.expectedOutcome === undefined ? {} : { expected: check.expectedOutcome }),
    actual: check.actual,
    expectedValue: check.expected,
  });
}
