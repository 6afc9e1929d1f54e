import { describe, expect, it } from "vitest";
import { otcDomain } from "../../otc-domain.js";
import { isCaptureStage, OTC_STAGES, stagePosition, stagesFrom } from "./stage-order.js";

describe("unit", () => {
  it("rejects names that are not OTC stages", () => {
    expect(isCaptureStage("publish")).toBe(false);
    expect(stagePosition("publish")).toBe(OTC_STAGES.length);
  });

  it("lists the stages in the order the domain declares", () => {
    expect(OTC_STAGES).toEqual(otcDomain.stages);
  });

  it("returns a stage and every later stage", () => {
    expect(stagesFrom("aggregate")).toEqual(["aggregate", "rolling", "snapshot"]);
    expect(stagesFrom("snapshot")).toEqual(["snapshot"]);
    expect(stagesFrom("ingest")).toEqual(OTC_STAGES);
  });
});
