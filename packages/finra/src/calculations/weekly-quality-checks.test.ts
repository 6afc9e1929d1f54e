import { describe, expect, it } from "vitest";
import { checkSharesSumToOne, compareToPreviousWeeks } from "./weekly-quality-checks.js";

describe("unit", () => {
  describe("checkSharesSumToOne", () => {
    it("fails when shares sum away from 1", () => {
      expect(checkSharesSumToOne([0.5, 0.4])).toMatchObject({ status: "fail", actual: 0.9, expected: 1 });
    });

    it("warns when every share is 0", () => {
      expect(checkSharesSumToOne([0, 0]).status).toBe("warn");
    });

    // 0.1 + 0.2 + 0.7 = 0.9999999999999999 in binary floating point; within 1e-9.
    it("passes within the floating point tolerance", () => {
      expect(checkSharesSumToOne([0.1, 0.2, 0.7]).status).toBe("pass");
      expect(checkSharesSumToOne([]).status).toBe("pass");
    });
  });

  describe("compareToPreviousWeeks", () => {
    it("fails when the current week collapses to zero", () => {
      expect(compareToPreviousWeeks(0, [100, 120], 0.5)).toMatchObject({ status: "fail", expected: 110 });
    });

    // Mean of 100 and 200 is 150; 300 deviates |300 - 150| / 150 = 100% > 50%.
    it("warns beyond the threshold", () => {
      expect(compareToPreviousWeeks(300, [100, 200], 0.5)).toMatchObject({
        status: "warn",
        actual: 300,
        expected: 150,
      });
    });

    // |180 - 150| / 150 = 20% <= 50%.
    it("passes within the threshold", () => {
      expect(compareToPreviousWeeks(180, [100, 200], 0.5).status).toBe("pass");
    });

    it("passes without history and reports no expectation", () => {
      expect(compareToPreviousWeeks(5, [], 0.5)).toMatchObject({ status: "pass", expected: null });
    });

    it("warns when activity appears after weeks of zero", () => {
      expect(compareToPreviousWeeks(5, [0, 0], 0.5).status).toBe("warn");
    });
  });
});
