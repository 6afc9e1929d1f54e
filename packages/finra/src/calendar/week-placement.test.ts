import { describe, expect, it } from "vitest";
import { createPublicationDateTally } from "./publication-date-tally.js";
import {
  candidateWeeks,
  datesOutsideWeek,
  futurePublication,
  placeByPublicationDates,
} from "./week-placement.js";

describe("unit", () => {
  it("places a republication by its earliest date and dates the revision by its latest", () => {
    // 2025-12-15 first publishes OTC week ending 2025-11-14; restated rows carry 2026-01-05.
    expect(placeByPublicationDates("OTC", ["2026-01-05", "2025-12-15"], "2026-01-05")).toEqual({
      ok: true,
      value: { weekEnding: "2025-11-14", firstPublication: "2025-12-15", publicationDate: "2026-01-05" },
    });
  });

  it("refuses rows dated after the FINRA file name's date, naming the candidate weeks", () => {
    const placed = placeByPublicationDates("OTC", ["2025-12-15", "2025-12-22"], "2025-12-15");
    expect(placed.ok).toBe(false);
    expect(!placed.ok && placed.issues[0]).toContain("candidate weeks 2025-11-14, 2025-11-21");
  });

  it("uses the file name's date when the rows carry none, and a later name date as the revision's", () => {
    expect(placeByPublicationDates("OTC", [], "2025-12-15")).toMatchObject({
      ok: true,
      value: { weekEnding: "2025-11-14", publicationDate: "2025-12-15" },
    });
    expect(placeByPublicationDates("OTC", ["2025-12-15"], "2026-01-05")).toMatchObject({
      value: { weekEnding: "2025-11-14", publicationDate: "2026-01-05" },
    });
    expect(placeByPublicationDates("OTC", [], null).ok).toBe(false);
  });

  it("names the weeks dates point to and refuses rows dated before a given week existed", () => {
    expect(candidateWeeks("OTC", ["2025-12-22", "2025-12-15", "bad"])).toEqual(["2025-11-14", "2025-11-21"]);
    expect(datesOutsideWeek("OTC", "2025-11-14", ["2026-01-05", "2025-12-15"])).toBeNull();
    expect(datesOutsideWeek("OTC", "2025-11-21", ["2025-12-15"])).toContain(
      "candidate weeks by the rows' dates: 2025-11-14",
    );
  });

  it("refuses a publication date after today", () => {
    expect(futurePublication("2026-01-05", "2026-01-05")).toBeNull();
    expect(futurePublication("2026-01-12", "2026-01-05")).toContain("after today");
    expect(futurePublication(null, "2026-01-05")).toBeNull();
  });

  it("counts the dates of rows given without a key and leaves them out of the dated-twice check", () => {
    const tally = createPublicationDateTally();
    tally.add(null, "2025-12-15");
    tally.add(null, "2025-12-22");
    tally.add(null, " 2025-12-15");
    expect(tally.datedTwice()).toBeNull();
    expect([...tally.dates]).toEqual([
      ["2025-12-15", 2],
      ["2025-12-22", 1],
    ]);
  });

  it("notices one symbol-MPID dated twice: two publications in one file", () => {
    const tally = createPublicationDateTally();
    tally.add("AAAA|MMAA", "2025-12-15");
    tally.add("BBBB|MMAA", "2026-01-05");
    tally.add("AAAA|MMAA", " 2025-12-15 ");
    expect(tally.datedTwice()).toBeNull();
    tally.add("AAAA|MMAA", "2025-12-22");
    tally.add("CCCC|MMAA", null);
    expect(tally.datedTwice()).toEqual({ key: "AAAA|MMAA", dates: ["2025-12-15", "2025-12-22"] });
    expect([...tally.dates]).toEqual([
      ["2025-12-15", 2],
      ["2026-01-05", 1],
      ["2025-12-22", 1],
    ]);
  });
});
