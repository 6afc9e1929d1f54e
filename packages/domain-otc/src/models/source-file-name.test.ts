import { describe, expect, it } from "vitest";
import { parseSourceFileName } from "./source-file-name.js";

describe("unit", () => {
  describe("parseSourceFileName", () => {
    it("returns null for names that match no pattern", () => {
      expect(parseSourceFileName("README.md")).toBeNull();
      expect(parseSourceFileName("finra_otc_weekly_tier3_20251103.csv")).toBeNull();
      expect(parseSourceFileName("finra_otc_weekly_otc_20251103.psv")).toBeNull();
      expect(parseSourceFileName("otc_week_2025-10-03.xlsx")).toBeNull();
    });

    it("returns null for impossible dates and weekdays that are no week anchor", () => {
      expect(parseSourceFileName("finra_otc_weekly_otc_20251332.csv")).toBeNull();
      expect(parseSourceFileName("otc_week_2025-10-01.csv")).toBeNull();
    });

    it("reads an OTC download's date as the publication date, 35 days after the week starts", () => {
      expect(parseSourceFileName("finra_otc_weekly_otc_20251103.csv")).toEqual({
        tier: "OTC",
        weekEnding: "2025-10-03",
        publicationDate: "2025-11-03",
      });
    });

    it("uses the 21-day delay for NMS Tier 1 and 35 days for NMS Tier 2", () => {
      expect(parseSourceFileName("finra_otc_weekly_tier1_20251020.csv")?.weekEnding).toBe("2025-10-03");
      expect(parseSourceFileName("finra_otc_weekly_tier2_20251103.csv")).toMatchObject({
        tier: "NMS Tier 2",
        weekEnding: "2025-10-03",
      });
    });

    it("floors a holiday Tuesday publication to its Monday", () => {
      expect(parseSourceFileName("finra_otc_weekly_otc_20251104.csv")?.weekEnding).toBe("2025-10-03");
    });

    it("reads the real FINRA file names as their documented weeks", () => {
      expect(parseSourceFileName("finra_otc_weekly_otc_20251215.csv")?.weekEnding).toBe("2025-11-14");
      expect(parseSourceFileName("finra_otc_weekly_otc_20251222.csv")?.weekEnding).toBe("2025-11-21");
    });

    it("reads a project fixture name's date as the week ending, with no publication date", () => {
      expect(parseSourceFileName("tier1_week_2025-10-03.psv")).toEqual({
        tier: "NMS Tier 1",
        weekEnding: "2025-10-03",
        publicationDate: null,
      });
      expect(parseSourceFileName("OTC_week_2025-09-29.txt")?.weekEnding).toBe("2025-10-03");
    });
  });
});
