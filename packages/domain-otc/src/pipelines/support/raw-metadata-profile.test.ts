import { describe, expect, it } from "vitest";
import { createMetadataProfile, isCanonicalCount } from "./raw-metadata-profile.js";

const row = (lastUpdateDate: string | null, clean: boolean, weekText: string | null = null) => ({
  tierText: "OTC",
  weekText,
  lastUpdateDate,
  summaryTypeCode: null,
  clean,
});

describe("unit", () => {
  it("accepts only canonical whole numbers of at most 12 digits as clean counts", () => {
    for (const text of ["0", "7", "120", "999999999999"]) expect(isCanonicalCount(text)).toBe(true);
    for (const text of [
      "",
      "00",
      "007",
      "-1",
      "+1",
      " 1",
      "1 ",
      "1.0",
      "1,000",
      "1e3",
      "٣",
      "1000000000000000",
      "1000000000000",
      "999999999999999",
    ])
      expect(isCanonicalCount(text), text).toBe(false);
  });

  it("counts rows and clean rows per combination, in order of first appearance, across runs", () => {
    const profile = createMetadataProfile();
    profile.add(row("2025-11-03", true));
    profile.add(row("2025-11-03", false));
    profile.add(row("2025-11-10", true));
    profile.add(row("2025-11-03", true));
    profile.add(row(null, false));
    profile.add(row("2025-11-03", true, "2025-10-03"));
    expect(profile.entries()).toEqual([
      {
        tier_text: "OTC",
        week_text: null,
        last_update_date: "2025-11-03",
        summary_type_code: null,
        row_count: 3,
        clean_row_count: 2,
      },
      {
        tier_text: "OTC",
        week_text: null,
        last_update_date: "2025-11-10",
        summary_type_code: null,
        row_count: 1,
        clean_row_count: 1,
      },
      {
        tier_text: "OTC",
        week_text: null,
        last_update_date: null,
        summary_type_code: null,
        row_count: 1,
        clean_row_count: 0,
      },
      {
        tier_text: "OTC",
        week_text: "2025-10-03",
        last_update_date: "2025-11-03",
        summary_type_code: null,
        row_count: 1,
        clean_row_count: 1,
      },
    ]);
  });
});
