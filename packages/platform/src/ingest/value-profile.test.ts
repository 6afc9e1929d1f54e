import { describe, expect, it } from "vitest";
import { createValueProfile } from "./value-profile.js";

const columns = ["tier_text", "week_text", "last_update_date", "summary_type_code"] as const;
const row = (lastUpdateDate: string | null, weekText: string | null = null) => [
  "OTC",
  weekText,
  lastUpdateDate,
  null,
];

describe("unit", () => {
  it("counts rows and clean rows per combination, in order of first appearance, across runs", () => {
    const profile = createValueProfile(columns);
    profile.add(row("2025-11-03"), true);
    profile.add(row("2025-11-03"), false);
    profile.add(row("2025-11-10"), true);
    profile.add(row("2025-11-03"), true);
    profile.add(row(null), false);
    profile.add(row("2025-11-03", "2025-10-03"), true);
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

  it("counts a run of rows at once, and keeps a combination apart from one whose values differ in one column", () => {
    const profile = createValueProfile(["a", "b"]);
    profile.addRows(["x", null], 5, 4);
    profile.add(["x", "y"], true);
    profile.addRows(["x", null], 2, 0);
    expect(profile.entries()).toEqual([
      { a: "x", b: null, row_count: 7, clean_row_count: 4 },
      { a: "x", b: "y", row_count: 1, clean_row_count: 1 },
    ]);
  });
});
