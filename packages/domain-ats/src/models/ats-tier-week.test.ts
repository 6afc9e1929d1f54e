import { describe, expect, it } from "vitest";
import { atsTierWeekParams } from "./ats-tier-week.js";

describe("unit", () => {
  it("accepts tier aliases and FINRA's Monday weekStartDate", () => {
    expect(atsTierWeekParams.parse({ tier: "T2", week_ending: "2025-09-08" })).toEqual({
      tier: "NMS Tier 2",
      weekEnding: "2025-09-12",
    });
  });

  it("rejects a week that is neither a Friday nor a Monday", () => {
    expect(atsTierWeekParams.safeParse({ tier: "OTC", week_ending: "2025-09-10" }).success).toBe(false);
  });
});
