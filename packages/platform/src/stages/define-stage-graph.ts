import { SpineError } from "../errors/spine-error.js";
import type { PartitionDefinition } from "./define-partition.js";

/** A stage that reads a window of partitions: its own and earlier ones of the same series. */
export interface WindowDependency<Stage extends string> {
  /** The stage whose output the window reads in each partition of the window. */
  readonly reads: Stage;
  /**
   * The longest window the stage accepts (its size is a run parameter): a change to `reads` in
   * one partition can reach this many partitions, itself included.
   */
  readonly maximumSize: number;
}

/** What {@link defineStageGraph} takes. */
export interface StageGraphInput<Stage extends string> {
  readonly partition: PartitionDefinition;
  /** Stage names in workflow order; a stage's output feeds every later stage of its partition. */
  readonly stages: readonly Stage[];
  /** Stages that read a window of partitions, and which stage they read there. */
  readonly windows?: Partial<Readonly<Record<Stage, WindowDependency<Stage>>>>;
}

/** A domain's stages, declared once: their order, partition and window dependencies. */
export interface StageGraph<Stage extends string = string> extends StageGraphInput<Stage> {
  /** True when `name` is one of the stages. */
  isStage(name: string): name is Stage;
  /** Position in workflow order, for sorting listings; unknown names sort last. */
  position(name: string): number;
  /** The stage and every later one: what a change to that stage's data makes stale. */
  stagesFrom(stage: Stage): Stage[];
  /** The window stages reading `stage`, with their dependency. */
  windowReadersOf(stage: string): Array<{ readonly stage: Stage; readonly window: WindowDependency<Stage> }>;
  /** The first stage that reads a window, or null: it and every later stage wait for all partitions. */
  readonly firstWindowStage: Stage | null;
}

function checkWindows<Stage extends string>(input: StageGraphInput<Stage>): void {
  for (const [stage, window] of Object.entries(input.windows ?? {}) as Array<
    [Stage, WindowDependency<Stage>]
  >) {
    const reads = input.stages.indexOf(window.reads);
    if (!input.stages.includes(stage) || reads < 0 || reads >= input.stages.indexOf(stage))
      throw new SpineError(
        "INTERNAL",
        `Window stage ${stage} must read an earlier stage, not ${window.reads}.`,
      );
    if (!Number.isInteger(window.maximumSize) || window.maximumSize < 1)
      throw new SpineError("INTERNAL", `Window stage ${stage} needs a whole maximumSize of at least 1.`);
  }
}

/** Declares a domain's stage graph; {@link defineDomain} takes it as `graph`. */
export function defineStageGraph<const Stage extends string>(
  input: StageGraphInput<Stage>,
): StageGraph<Stage> {
  checkWindows(input);
  const isStage = (name: string): name is Stage => (input.stages as readonly string[]).includes(name);
  const windowStages = input.stages.filter((stage) => input.windows?.[stage] !== undefined);
  return Object.freeze({
    ...input,
    isStage,
    position: (name: string) => (isStage(name) ? input.stages.indexOf(name) : input.stages.length),
    stagesFrom: (stage: Stage) => input.stages.slice(input.stages.indexOf(stage)),
    windowReadersOf: (stage: string) =>
      windowStages.flatMap((reader) => {
        const window = input.windows?.[reader];
        return window && window.reads === stage ? [{ stage: reader, window }] : [];
      }),
    firstWindowStage: windowStages[0] ?? null,
  });
}
