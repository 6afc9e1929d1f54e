import type { QualityCheckResult } from "./quality-checks.js";
import type { QualityRecorder, QualitySeverity } from "./quality-recorder.js";

const severityOfStatus = { pass: "info", warn: "warn", fail: "error" } as const;

/**
 * Records a pure check's result under a check name. The severity follows the status (info on
 * pass, warn on warn), except that a failure takes `failSeverity`: whether a failure should stop
 * the stage is the caller's judgement, not the check's.
 */
export async function recordCheckResult(
  quality: QualityRecorder,
  checkName: string,
  result: QualityCheckResult,
  failSeverity: Extract<QualitySeverity, "error" | "critical"> = "error",
): Promise<void> {
  await quality.record({
    checkName,
    severity: result.status === "fail" ? failSeverity : severityOfStatus[result.status],
    status: result.status,
    message: result.message,
    actual: result.actual,
    expectedValue: result.expected,
  });
}
