import { describe, expect, it } from "vitest";
import { otcDomain } from "./otc-domain.js";
import { otcStages } from "./otc-stages.js";

describe("unit", () => {
  it("rejects names that are not OTC stages", () => {
    expect(otcStages.isStage("publish")).toBe(false);
    expect(otcStages.position("publish")).toBe(otcStages.stages.length);
  });

  it("lists the stages in the order the domain declares", () => {
    expect(otcStages.stages).toEqual(otcDomain.stages);
  });

  it("returns a stage and every later stage", () => {
    expect(otcStages.stagesFrom("aggregate")).toEqual(["aggregate", "rolling", "snapshot"]);
    expect(otcStages.stagesFrom("snapshot")).toEqual(["snapshot"]);
    expect(otcStages.stagesFrom("ingest")).toEqual(otcStages.stages);
  });
});
