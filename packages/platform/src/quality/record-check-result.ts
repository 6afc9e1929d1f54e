import type { QualityCheckResult } from "./quality-checks.js";
import type { QualityRecorder, QualitySeverity } from "./quality-recorder.js";
import { severityOfOutcome } from "./quality-recorder.js";

/**
 * Records a pure check's result under a check name. The severity is the outcome (info on pass,
 * warn on warn, error on fail), except that a failure takes `failSeverity`: whether a failure
 * should stop the stage is the caller's judgement, not the check's.
 */
export async function recordCheckResult(
  quality: QualityRecorder,
  checkName: string,
  result: QualityCheckResult,
  failSeverity: Extract<QualitySeverity, "error" | "critical"> = "error",
): Promise<void> {
  await quality.record({
    checkName,
    severity: severityOfOutcome({ status: result.status, severity: failSeverity }),
    status: result.status,
    message: result.message,
    actual: result.actual,
    expectedValue: result.expected,
  });
}
