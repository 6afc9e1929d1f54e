import { describe, expect, it } from "vitest";
import type { QualityCheckInput, QualityRecorder } from "./quality-recorder.js";
import { recordCheckResult } from "./record-check-result.js";

function memoryRecorder(): QualityRecorder {
  const seen: QualityCheckInput[] = [];
  return {
    record: async (check) => {
      seen.push(check);
    },
    recorded: () => seen,
  };
}

describe("unit", () => {
  describe("recordCheckResult", () => {
    it("maps pass and warn to info and warn, and a failure to the given severity", async () => {
      const quality = memoryRecorder();
      await recordCheckResult(quality, "a", { status: "pass", actual: 1, expected: 1, message: "ok" });
      await recordCheckResult(quality, "b", { status: "warn", actual: 2, expected: null, message: "hm" });
      await recordCheckResult(quality, "c", { status: "fail", actual: 3, expected: 0, message: "no" });
      await recordCheckResult(
        quality,
        "d",
        { status: "fail", actual: 3, expected: 0, message: "no" },
        "critical",
      );
      expect(quality.recorded().map((check) => [check.checkName, check.severity, check.status])).toEqual([
        ["a", "info", "pass"],
        ["b", "warn", "warn"],
        ["c", "error", "fail"],
        ["d", "critical", "fail"],
      ]);
      expect(quality.recorded()[1]).toMatchObject({ actual: 2, expectedValue: null, message: "hm" });
    });
  });
});
