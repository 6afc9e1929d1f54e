import { describe, expect, it } from "vitest";
import {
  addDays,
  addWeeks,
  parseWeekEnding,
  weekdayOf,
  weekEndingSchema,
  weekEndingsBetween,
  weekStartDateOf,
} from "./week.js";

describe("unit", () => {
  describe("parseWeekEnding", () => {
    it("rejects a Wednesday and names the nearest Monday and Friday", () => {
      expect(parseWeekEnding("2025-11-12")).toEqual({
        ok: false,
        issues: [
          "2025-11-12 is a Wednesday; expected a Friday week_ending or a Monday weekStartDate: " +
            "nearest are 2025-11-10 (Monday) and 2025-11-14 (Friday)",
        ],
      });
    });

    it("rejects a Tuesday and names the nearest Monday and Friday", () => {
      const parsed = parseWeekEnding("2025-11-11");
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.issues[0]).toContain("is a Tuesday");
        expect(parsed.issues[0]).toContain("2025-11-10 (Monday) and 2025-11-14 (Friday)");
      }
    });

    it("rejects a Saturday and names the Friday before and the Monday after", () => {
      const parsed = parseWeekEnding("2025-11-15");
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.issues[0]).toContain("nearest are 2025-11-14 (Friday) and 2025-11-17 (Monday)");
      }
    });

    it.each([
      "2025/11/14",
      "20251114",
      "2025-11-1",
      "",
      "2025-02-30",
      "2025-13-01",
    ])("rejects malformed %j naming the format", (input) => {
      const parsed = parseWeekEnding(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.issues[0]).toContain("expected format YYYY-MM-DD");
      }
    });

    it("returns a Friday as is", () => {
      expect(parseWeekEnding("2025-11-14")).toEqual({ ok: true, value: "2025-11-14" });
    });

    it("maps a Monday weekStartDate to its Friday", () => {
      expect(parseWeekEnding("2025-11-10")).toEqual({ ok: true, value: "2025-11-14" });
    });
  });

  describe("weekEndingSchema", () => {
    it("fails with the parseWeekEnding message", () => {
      const parsed = weekEndingSchema.safeParse("2025-11-12");
      expect(parsed.error?.issues[0]?.message).toContain("is a Wednesday");
    });

    it("coerces a Monday to its Friday", () => {
      expect(weekEndingSchema.parse("2025-12-29")).toBe("2026-01-02");
    });
  });

  describe("date helpers", () => {
    it("throws on a malformed date because callers validate first", () => {
      expect(() => addDays("2025-02-30", 1)).toThrow(RangeError);
    });

    it("adds days across month and year ends in UTC", () => {
      expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
      expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    });

    it("adds weeks forwards and backwards", () => {
      expect(addWeeks("2025-10-31", -9)).toBe("2025-08-29");
      expect(addWeeks("2025-08-29", 2)).toBe("2025-09-12");
    });

    it("names weekdays", () => {
      expect(weekdayOf("2025-11-14")).toBe("Friday");
      expect(weekdayOf("2025-11-16")).toBe("Sunday");
    });

    it("gives the Monday of a week ending", () => {
      expect(weekStartDateOf("2025-11-14")).toBe("2025-11-10");
    });

    it("lists Fridays inclusive and ascending", () => {
      expect(weekEndingsBetween("2025-10-17", "2025-10-31")).toEqual([
        "2025-10-17",
        "2025-10-24",
        "2025-10-31",
      ]);
    });

    it("starts at the first Friday on or after a non-Friday start", () => {
      expect(weekEndingsBetween("2025-10-18", "2025-10-30")).toEqual(["2025-10-24"]);
    });

    it("returns nothing when end precedes start", () => {
      expect(weekEndingsBetween("2025-10-31", "2025-10-17")).toEqual([]);
    });
  });
});
