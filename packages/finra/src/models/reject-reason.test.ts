import { describe, expect, it } from "vitest";
import { REJECT_REASON_CODES, REJECT_REASON_RULES } from "./reject-reason.js";

describe("unit", () => {
  it("documents every reject code with a one-line rule", () => {
    expect(Object.keys(REJECT_REASON_RULES).sort()).toEqual([...REJECT_REASON_CODES].sort());
    for (const description of Object.values(REJECT_REASON_RULES)) {
      expect(description).not.toContain("\n");
      expect(description.length).toBeGreaterThan(10);
    }
  });
});
