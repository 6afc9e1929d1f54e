import type { CaptureStage } from "./otc-captures.js";

/** The OTC stages in workflow order; must equal the order the domain declares (a unit test checks). */
export const OTC_STAGES: readonly CaptureStage[] = [
  "ingest",
  "normalize",
  "aggregate",
  "rolling",
  "snapshot",
];

/** True when `stage` names one of the OTC stages. */
export function isCaptureStage(stage: string): stage is CaptureStage {
  return (OTC_STAGES as readonly string[]).includes(stage);
}

/** The stage and every later one: what a change to that stage's data makes stale. */
export function stagesFrom(stage: CaptureStage): CaptureStage[] {
  return OTC_STAGES.slice(OTC_STAGES.indexOf(stage));
}

/** Position of a stage in the workflow, for sorting listings; unknown stages sort last. */
export function stagePosition(stage: string): number {
  return isCaptureStage(stage) ? OTC_STAGES.indexOf(stage) : OTC_STAGES.length;
}
