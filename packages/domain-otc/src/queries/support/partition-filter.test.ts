import { canonicalJson } from "@spine/platform";
import { describe, expect, it } from "vitest";
import { partitionKeyPatterns, tierWeekOfPartitionKey } from "./partition-filter.js";

describe("unit", () => {
  it("returns null fields for a partition key without tier or week", () => {
    expect(tierWeekOfPartitionKey(canonicalJson({ day: "2025-10-03" }))).toEqual({
      tier: null,
      week_ending: null,
    });
  });

  it("returns no pattern when nothing is filtered", () => {
    expect(partitionKeyPatterns({})).toEqual([]);
  });

  it("builds one LIKE pattern per field that matches the canonical partition key", () => {
    const key = canonicalJson({ week_ending: "2025-10-03", tier: "NMS Tier 1" });
    const patterns = partitionKeyPatterns({ tier: "NMS Tier 1", week_ending: "2025-10-03" });
    expect(patterns).toEqual(['%"tier":"NMS Tier 1"%', '%"week_ending":"2025-10-03"%']);
    for (const pattern of patterns) expect(key).toContain(pattern.slice(1, -1));
  });

  it("reads tier and week_ending back from a partition key", () => {
    expect(tierWeekOfPartitionKey(canonicalJson({ tier: "OTC", week_ending: "2025-10-03" }))).toEqual({
      tier: "OTC",
      week_ending: "2025-10-03",
    });
  });
});
