import { z } from "zod";
import type { BackfillSelection } from "./select-partitions.js";
import { backfillOnlyParam } from "./select-partitions.js";

/** The parameters every backfill has, whatever its domain. */
export interface BackfillControls {
  readonly force: boolean;
  readonly dry_run: boolean;
  readonly fail_fast: boolean;
  /** Only the partitions in these states (see selectPartitions); every partition when absent. */
  readonly only?: readonly BackfillSelection[] | undefined;
}

/**
 * The zod shape of {@link BackfillControls}, to spread into a domain's backfill parameters;
 * `noun` names one partition in the descriptions (`tier-week`).
 */
export function backfillControlParams(noun: string) {
  return {
    force: z.boolean().default(false).describe("re-run every stage even when the manifest says it is done"),
    dry_run: z
      .boolean()
      .default(false)
      .describe("list what would run or be skipped, submitting and writing nothing"),
    fail_fast: z
      .boolean()
      .default(false)
      .describe(`stop at the first failed ${noun} and report the rest as not run`),
    only: backfillOnlyParam,
  };
}
