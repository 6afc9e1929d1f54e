import { describe, expect, it } from "vitest";
import { isUsMarketHoliday, usMarketHolidayOn, usMarketHolidays } from "./market-holidays.js";

const datesOf = (year: number) => usMarketHolidays(year).map((holiday) => holiday.date);

describe("unit", () => {
  describe("usMarketHolidays", () => {
    it("lists the ten NYSE closures of 2025", () => {
      expect(datesOf(2025)).toEqual([
        "2025-01-01",
        "2025-01-20",
        "2025-02-17",
        "2025-04-18",
        "2025-05-26",
        "2025-06-19",
        "2025-07-04",
        "2025-09-01",
        "2025-11-27",
        "2025-12-25",
      ]);
    });

    // 2026: Independence Day falls on a Saturday, so the market closes Friday 2026-07-03.
    it("closes the Friday before a Saturday holiday", () => {
      expect(datesOf(2026)).toContain("2026-07-03");
      expect(datesOf(2026)).toContain("2026-04-03");
      expect(usMarketHolidayOn("2021-12-24")?.name).toBe("Christmas Day");
      expect(usMarketHolidayOn("2027-06-18")?.name).toBe("Juneteenth");
    });

    it("closes the Monday after a Sunday holiday", () => {
      expect(usMarketHolidayOn("2023-01-02")?.name).toBe("New Year's Day");
      expect(usMarketHolidayOn("2022-06-20")?.name).toBe("Juneteenth");
      expect(usMarketHolidayOn("2022-12-26")?.name).toBe("Christmas Day");
      expect(usMarketHolidayOn("2027-07-05")?.name).toBe("Independence Day");
    });

    // 2022-01-01 was a Saturday and NYSE traded on Friday 2021-12-31.
    it("does not move a Saturday New Year's Day into the year before", () => {
      expect(datesOf(2022)).toHaveLength(9);
      expect(isUsMarketHoliday("2021-12-31")).toBe(false);
    });

    it("observes Juneteenth only from 2022", () => {
      expect(usMarketHolidays(2021).map((holiday) => holiday.name)).not.toContain("Juneteenth");
      expect(isUsMarketHoliday("2021-06-18")).toBe(false);
    });

    it("finds Good Friday from Easter in early and late years", () => {
      expect(usMarketHolidayOn("2024-03-29")?.name).toBe("Good Friday");
      expect(usMarketHolidayOn("2019-04-19")?.name).toBe("Good Friday");
      expect(usMarketHolidayOn("2008-03-21")?.name).toBe("Good Friday");
    });

    it("places the weekday holidays of another year", () => {
      expect(datesOf(2024)).toEqual([
        "2024-01-01",
        "2024-01-15",
        "2024-02-19",
        "2024-03-29",
        "2024-05-27",
        "2024-06-19",
        "2024-07-04",
        "2024-09-02",
        "2024-11-28",
        "2024-12-25",
      ]);
    });
  });

  it("is false on ordinary days and weekends", () => {
    expect(isUsMarketHoliday("2025-11-03")).toBe(false);
    expect(isUsMarketHoliday("2025-07-05")).toBe(false);
    expect(usMarketHolidayOn("2025-10-13")).toBeNull();
  });
});
