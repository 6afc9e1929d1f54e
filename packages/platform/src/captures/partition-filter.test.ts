import { describe, expect, it } from "vitest";
import { canonicalJson } from "../database/canonical-json.js";
import { partitionFieldsOf, partitionKeyPatterns } from "./partition-filter.js";

const fields = ["tier", "week_ending"];

describe("unit", () => {
  it("returns null fields for a partition key without them", () => {
    expect(partitionFieldsOf(fields, canonicalJson({ day: "2025-10-03" }))).toEqual({
      tier: null,
      week_ending: null,
    });
  });

  it("returns no pattern when nothing is filtered", () => {
    expect(partitionKeyPatterns(fields, {})).toEqual([]);
  });

  it("builds one LIKE pattern per field that matches the canonical partition key", () => {
    const key = canonicalJson({ week_ending: "2025-10-03", tier: "NMS Tier 1" });
    const patterns = partitionKeyPatterns(fields, { tier: "NMS Tier 1", week_ending: "2025-10-03" });
    expect(patterns).toEqual(['%"tier":"NMS Tier 1"%', '%"week_ending":"2025-10-03"%']);
    for (const pattern of patterns) expect(key).toContain(pattern.slice(1, -1));
  });

  it("reads the fields back from a partition key", () => {
    expect(partitionFieldsOf(fields, canonicalJson({ tier: "OTC", week_ending: "2025-10-03" }))).toEqual({
      tier: "OTC",
      week_ending: "2025-10-03",
    });
  });
});
