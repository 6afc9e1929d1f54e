import { describe, expect, it } from "vitest";
import {
  finraDownloadFileName,
  finraSourceIdentification,
  fixtureFileName,
  isNamedForAnotherDataset,
  parseSourceFileName,
} from "./source-file-name.js";

describe("unit", () => {
  describe("parseSourceFileName", () => {
    it("returns null for names that match no pattern", () => {
      expect(parseSourceFileName("README.md", "otc")).toBeNull();
      expect(parseSourceFileName("finra_otc_weekly_tier3_20251103.csv", "otc")).toBeNull();
      expect(parseSourceFileName("finra_otc_weekly_otc_20251103.psv", "otc")).toBeNull();
      expect(parseSourceFileName("otc_week_2025-10-03.xlsx", "otc")).toBeNull();
    });

    it("returns null for impossible dates and weekdays that are no week anchor", () => {
      expect(parseSourceFileName("finra_otc_weekly_otc_20251332.csv", "otc")).toBeNull();
      expect(parseSourceFileName("otc_week_2025-10-01.csv", "otc")).toBeNull();
    });

    it("reads an OTC download's date as the publication date, 35 days after the week starts", () => {
      expect(parseSourceFileName("finra_otc_weekly_otc_20251103.csv", "otc")).toEqual({
        tier: "OTC",
        weekEnding: "2025-10-03",
        publicationDate: "2025-11-03",
      });
    });

    it("uses the 21-day delay for NMS Tier 1 and 35 days for NMS Tier 2", () => {
      expect(parseSourceFileName("finra_otc_weekly_tier1_20251020.csv", "otc")?.weekEnding).toBe(
        "2025-10-03",
      );
      expect(parseSourceFileName("finra_otc_weekly_tier2_20251103.csv", "otc")).toMatchObject({
        tier: "NMS Tier 2",
        weekEnding: "2025-10-03",
      });
    });

    it("floors a holiday Tuesday publication to its Monday", () => {
      expect(parseSourceFileName("finra_otc_weekly_otc_20251104.csv", "otc")?.weekEnding).toBe("2025-10-03");
    });

    it("reads the real FINRA file names as their documented weeks", () => {
      expect(parseSourceFileName("finra_otc_weekly_otc_20251215.csv", "otc")?.weekEnding).toBe("2025-11-14");
      expect(parseSourceFileName("finra_otc_weekly_otc_20251222.csv", "otc")?.weekEnding).toBe("2025-11-21");
    });

    it("reads a project fixture name's date as the week ending, with no publication date", () => {
      expect(parseSourceFileName("tier1_week_2025-10-03.psv", "otc")).toEqual({
        tier: "NMS Tier 1",
        weekEnding: "2025-10-03",
        publicationDate: null,
      });
      expect(parseSourceFileName("OTC_week_2025-09-29.txt", "otc")?.weekEnding).toBe("2025-10-03");
    });
  });

  describe("ATS file names", () => {
    it("reads ATS downloads and fixtures, and never the other dataset's names", () => {
      expect(parseSourceFileName("finra_ats_weekly_tier1_20251020.csv", "ats")).toEqual({
        tier: "NMS Tier 1",
        weekEnding: "2025-10-03",
        publicationDate: "2025-10-20",
      });
      expect(parseSourceFileName("ats_otc_week_2025-10-03.psv", "ats")?.weekEnding).toBe("2025-10-03");
      expect(parseSourceFileName("finra_ats_weekly_tier1_20251020.csv", "otc")).toBeNull();
      expect(parseSourceFileName("ats_otc_week_2025-10-03.csv", "otc")).toBeNull();
      expect(parseSourceFileName("otc_week_2025-10-03.csv", "ats")).toBeNull();
    });

    it("builds names that parse back to the same tier-week", () => {
      expect(finraDownloadFileName("ats", "NMS Tier 2", "2025-11-03")).toBe(
        "finra_ats_weekly_tier2_20251103.csv",
      );
      expect(fixtureFileName("ats", "OTC", "2025-10-03")).toBe("ats_otc_week_2025-10-03.csv");
      expect(fixtureFileName("otc", "NMS Tier 1", "2025-10-03")).toBe("tier1_week_2025-10-03.csv");
      expect(parseSourceFileName(finraDownloadFileName("otc", "OTC", "2025-11-03"), "otc")?.weekEnding).toBe(
        "2025-10-03",
      );
    });
  });
  describe("isNamedForAnotherDataset", () => {
    it("says a file named as one dataset's is not the other's to claim by content", () => {
      expect(isNamedForAnotherDataset("finra_otc_weekly_otc_20251215.csv", "ats")).toBe(true);
      expect(isNamedForAnotherDataset("ats_tier1_week_2025-09-05.csv", "otc")).toBe(true);
      expect(isNamedForAnotherDataset("finra_otc_weekly_otc_20251215.csv", "otc")).toBe(false);
      expect(isNamedForAnotherDataset("downloaded.csv", "otc")).toBe(false);
      expect(isNamedForAnotherDataset("downloaded.csv", "ats")).toBe(false);
    });
  });
  describe("finraSourceIdentification", () => {
    it("names by the dataset's patterns and never reads a file named as the other dataset's", async () => {
      const read: string[] = [];
      const ats = finraSourceIdentification("ats", async (path) => {
        read.push(path);
        return { tier: "OTC", weekEnding: "2025-12-19", publicationDate: null };
      });
      expect(ats.identifyByName("ats_tier1_week_2025-09-05.csv")).toMatchObject({ weekEnding: "2025-09-05" });
      expect(ats.identifyByName("finra_otc_weekly_otc_20251215.csv")).toBeNull();
      expect(await ats.identifyByContent("/data/finra_otc_weekly_otc_20251215.csv")).toBeNull();
      expect(await ats.identifyByContent("/data/downloaded.csv")).toMatchObject({ weekEnding: "2025-12-19" });
      expect(read).toEqual(["/data/downloaded.csv"]);
    });
  });
});
