import { describe, expect, it } from "vitest";
import { impliedWeekOfRow, mondayOnOrBefore } from "./implied-week.js";

describe("unit", () => {
  it("fails when a row carries no week evidence at all", () => {
    expect(impliedWeekOfRow({ weekText: null, lastUpdateDate: null }, "OTC").ok).toBe(false);
  });

  it("reads an OTC lastUpdateDate as a publication date five Mondays after the week starts", () => {
    // 2025-12-15 - 35 days = Monday 2025-11-10; its Friday is 2025-11-14.
    expect(impliedWeekOfRow({ weekText: null, lastUpdateDate: "2025-12-15" }, "OTC")).toEqual({
      ok: true,
      value: { weekEnding: "2025-11-14", rule: "last_update_date" },
    });
  });

  it("reads an NMS Tier 1 lastUpdateDate as three Mondays after the week starts", () => {
    // 2025-12-15 - 21 days = Monday 2025-11-24; its Friday is 2025-11-28.
    expect(impliedWeekOfRow({ weekText: null, lastUpdateDate: "2025-12-15" }, "NMS Tier 1")).toEqual({
      ok: true,
      value: { weekEnding: "2025-11-28", rule: "last_update_date" },
    });
  });

  it("prefers the week column over lastUpdateDate", () => {
    expect(impliedWeekOfRow({ weekText: "2025-11-10", lastUpdateDate: "2026-01-05" }, "OTC")).toEqual({
      ok: true,
      value: { weekEnding: "2025-11-14", rule: "week_column" },
    });
  });

  it("floors a holiday-delayed Tuesday publication to its Monday", () => {
    expect(mondayOnOrBefore("2025-09-02")).toBe("2025-09-01");
  });
});
