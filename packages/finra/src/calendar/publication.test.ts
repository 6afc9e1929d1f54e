import { describe, expect, it } from "vitest";
import {
  expectedPublicationDate,
  publicationDelayDays,
  weekEndingFromLastUpdateDate,
} from "./publication.js";

describe("unit", () => {
  describe("weekEndingFromLastUpdateDate", () => {
    it("rejects a lastUpdateDate that is not a Monday", () => {
      expect(weekEndingFromLastUpdateDate("OTC", "2025-12-16")).toEqual({
        ok: false,
        issues: ["lastUpdateDate 2025-12-16 is a Tuesday; FINRA publishes on Mondays"],
      });
    });

    it("rejects a malformed lastUpdateDate", () => {
      const parsed = weekEndingFromLastUpdateDate("OTC", "15/12/2025");
      expect(parsed.ok).toBe(false);
    });

    // 2025-12-15 - 35 days = Monday 2025-11-10; + 4 = Friday 2025-11-14.
    it("maps OTC 2025-12-15 to week ending 2025-11-14", () => {
      expect(weekEndingFromLastUpdateDate("OTC", "2025-12-15")).toEqual({ ok: true, value: "2025-11-14" });
    });

    it("maps OTC 2025-12-22 to week ending 2025-11-21", () => {
      expect(weekEndingFromLastUpdateDate("OTC", "2025-12-22")).toEqual({ ok: true, value: "2025-11-21" });
    });

    // 2025-12-01 - 21 days = Monday 2025-11-10; + 4 = 2025-11-14.
    it("maps NMS Tier 1 with the shorter 21-day delay", () => {
      expect(weekEndingFromLastUpdateDate("NMS Tier 1", "2025-12-01")).toEqual({
        ok: true,
        value: "2025-11-14",
      });
    });
  });

  describe("expectedPublicationDate", () => {
    it("is weekStartDate plus the tier delay", () => {
      expect(publicationDelayDays("NMS Tier 1")).toBe(21);
      expect(publicationDelayDays("NMS Tier 2")).toBe(35);
      expect(expectedPublicationDate("OTC", "2025-10-03")).toBe("2025-11-03");
      expect(expectedPublicationDate("NMS Tier 1", "2025-10-03")).toBe("2025-10-20");
    });
  });

  describe("the Tuesday rule", () => {
    // NMS Tier 1 week ending 2025-08-15 starts 2025-08-11; + 21 days = Labor Day, Monday 2025-09-01.
    it("publishes on the Tuesday when the Monday is a market holiday", () => {
      expect(expectedPublicationDate("NMS Tier 1", "2025-08-15")).toBe("2025-09-02");
      // OTC week ending 2025-08-01 starts 2025-07-28; + 35 days = 2025-09-01 as well.
      expect(expectedPublicationDate("OTC", "2025-08-01")).toBe("2025-09-02");
      expect(expectedPublicationDate("NMS Tier 2", "2025-12-19")).toBe("2026-01-20");
    });

    it("reads a Tuesday after a holiday Monday back to its week", () => {
      expect(weekEndingFromLastUpdateDate("NMS Tier 1", "2025-09-02")).toEqual({
        ok: true,
        value: "2025-08-15",
      });
      expect(weekEndingFromLastUpdateDate("OTC", "2026-01-20")).toEqual({ ok: true, value: "2025-12-19" });
      expect(weekEndingFromLastUpdateDate("OTC", "2025-09-01")).toEqual({ ok: true, value: "2025-08-01" });
    });
  });
});
