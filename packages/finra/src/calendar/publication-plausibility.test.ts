import { describe, expect, it } from "vitest";
import { implausiblePublication } from "./publication-plausibility.js";

describe("unit", () => {
  it("flags a file dated before the week's first publication", () => {
    // OTC week ending 2025-11-21 starts 2025-11-17; first published 35 days later, 2025-12-22.
    expect(implausiblePublication("OTC", "2025-11-21", "2025-12-15")).toContain(
      "first published (2025-12-22)",
    );
  });

  it("accepts the first publication date and any later republication", () => {
    expect(implausiblePublication("OTC", "2025-11-14", "2025-12-15")).toBeNull();
    expect(implausiblePublication("OTC", "2025-11-14", "2026-02-02")).toBeNull();
    // NMS Tier 1 is first published 21 days after the week starts.
    expect(implausiblePublication("NMS Tier 1", "2025-11-14", "2025-12-01")).toBeNull();
    expect(implausiblePublication("NMS Tier 1", "2025-11-14", "2025-11-24")).not.toBeNull();
  });

  it("ignores dates it cannot read rather than guessing", () => {
    expect(implausiblePublication("OTC", "2025-11-14", "15/12/2025")).toBeNull();
  });

  // NMS Tier 1 week ending 2025-08-15 is first published Tuesday 2025-09-02 (Labor Day Monday).
  it("accepts the holiday Tuesday and the holiday Monday, not the week before", () => {
    expect(implausiblePublication("NMS Tier 1", "2025-08-15", "2025-09-02")).toBeNull();
    expect(implausiblePublication("NMS Tier 1", "2025-08-15", "2025-09-01")).toBeNull();
    expect(implausiblePublication("NMS Tier 1", "2025-08-15", "2025-08-29")).toContain("(2025-09-02)");
  });
});
