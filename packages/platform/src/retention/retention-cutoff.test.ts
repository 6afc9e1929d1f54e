import { describe, expect, it } from "vitest";
import { isSpineError } from "../errors/spine-error.js";
import { retentionCutoff } from "./retention-cutoff.js";

const now = new Date("2026-12-03T08:30:00Z");

describe("retentionCutoff", () => {
  it("refuses an age without a unit, a negative one or an unknown unit", () => {
    for (const age of ["2", "-2y", "2h", "y", ""]) {
      let caught: unknown;
      try {
        retentionCutoff(age, now);
      } catch (error) {
        caught = error;
      }
      expect(isSpineError(caught, "USAGE"), age).toBe(true);
    }
  });

  it("counts years, months, weeks and days back from today (UTC)", () => {
    expect(retentionCutoff("2y", now)).toBe("2024-12-03");
    expect(retentionCutoff("18m", now)).toBe("2025-06-03");
    expect(retentionCutoff("26w", now)).toBe("2026-06-04");
    expect(retentionCutoff("10d", now)).toBe("2026-11-23");
    expect(retentionCutoff("0d", now)).toBe("2026-12-03");
  });
});
