import { describe, expect, it } from "vitest";
import { canonicalRecordKey, naturalKey } from "./record-key.js";

describe("unit", () => {
  it("joins the natural key with the unit separator in documented order", () => {
    expect(naturalKey("2025-10-03", "OTC", "ABCD", "VNUE")).toBe("2025-10-03\u001fOTC\u001fABCD\u001fVNUE");
  });

  it("appends share volume and trade count to the natural key", () => {
    const key = canonicalRecordKey({
      weekEnding: "2025-10-03",
      tier: "OTC",
      symbol: "ABCD",
      mpid: "VNUE",
      shareVolume: 1500,
      tradeCount: 3,
    });
    expect(key.split("\u001f")).toEqual(["2025-10-03", "OTC", "ABCD", "VNUE", "1500", "3"]);
  });

  it("distinguishes keys that plain concatenation would merge", () => {
    const base = { weekEnding: "2025-10-03", tier: "OTC", shareVolume: 1, tradeCount: 1 };
    expect(canonicalRecordKey({ ...base, symbol: "AB", mpid: "CD" })).not.toBe(
      canonicalRecordKey({ ...base, symbol: "A", mpid: "BCD" }),
    );
  });

  it("accepts values as text so source spellings can be hashed", () => {
    const fields = { weekEnding: "2025-10-03", tier: "OTC", symbol: "A", mpid: "B" };
    expect(canonicalRecordKey({ ...fields, shareVolume: "10", tradeCount: "1" })).toBe(
      canonicalRecordKey({ ...fields, shareVolume: 10, tradeCount: 1 }),
    );
  });
});
