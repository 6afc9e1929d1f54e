import { describe, expect, it } from "vitest";
import { closestNames } from "./closest-names.js";

const pipelines = ["otc.ingest_week", "otc.normalize_week", "otc.aggregate_week", "otc.backfill_range"];

describe("unit", () => {
  it("returns nothing for a name unlike every candidate", () => {
    expect(closestNames("zzzzzzzzzzzz", pipelines)).toEqual([]);
  });

  it("finds a pipeline from a typo in its last segment", () => {
    expect(closestNames("otc.ingest_wek", pipelines)[0]).toBe("otc.ingest_week");
  });

  it("finds pipelines containing a fragment", () => {
    expect(closestNames("backfill", pipelines)).toEqual(["otc.backfill_range"]);
  });

  it("suggests something close for a made-up dotted name", () => {
    expect(closestNames("no.such", ["demo.load", "otc.ingest_week", "no.suck"])).toContain("no.suck");
  });
});
