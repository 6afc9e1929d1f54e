import { z } from "zod";

/** The parameters every backfill has, whatever its domain. */
export interface BackfillControls {
  readonly force: boolean;
  readonly dry_run: boolean;
  readonly fail_fast: boolean;
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
  };
}
