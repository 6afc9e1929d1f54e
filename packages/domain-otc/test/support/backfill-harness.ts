import type { Execution } from "@spine/platform";
import { sql } from "@spine/platform";
import { openOtcSpine } from "./otc-spine.js";
import type { SourceFolder } from "./source-folder.js";
import { createSourceFolder, withoutMpidHeader } from "./source-folder.js";

export type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;

/** One row of the backfill summary table. */
export interface SummaryRow {
  tier: string;
  week_ending: string;
  ingest: string;
  normalize: string;
  aggregate: string;
  rolling: string;
  snapshot: string;
  rows: number | null;
  rejects: number | null;
  status: string;
}

/** The backfill's output. */
export interface Summary {
  title: string;
  table: SummaryRow[];
  ignored_files: string[];
  warnings: Array<Record<string, unknown>>;
  failed: Array<{
    tier: string;
    week_ending: string;
    stage: string;
    source_file: string | null;
    error: string;
  }>;
}

/** The five stage cells of a summary row, in workflow order. */
export const stageCells = (row: SummaryRow | undefined) => [
  row?.ingest,
  row?.normalize,
  row?.aggregate,
  row?.rolling,
  row?.snapshot,
];

/** A Spine and temporary source folders for one test, with SQL helpers; call cleanup after each test. */
export function createBackfillHarness() {
  let spine: OtcSpine | undefined;
  const folders: SourceFolder[] = [];
  const current = (): OtcSpine => {
    if (!spine) throw new Error("open() the harness first");
    return spine;
  };
  const rows = async <T>(query: string): Promise<T[]> =>
    (await sql<T>`${sql.raw(query)}`.execute(current().database.db)).rows;
  return {
    open: async (): Promise<OtcSpine> => {
      spine = await openOtcSpine();
      return spine;
    },
    rows,
    count: async (query: string): Promise<number> => Number((await rows<{ n: number }>(query))[0]?.n),
    backfill: async (params: Record<string, unknown>): Promise<Execution & { summary: Summary }> => {
      const execution = await current().dispatcher.submit("otc.backfill_range", params);
      return Object.assign(execution, { summary: execution.output as Summary });
    },
    folder: (): SourceFolder => {
      const created = createSourceFolder();
      folders.push(created);
      return created;
    },
    // Weeks ending 2025-10-03, 2025-10-10 and 2025-10-17; the middle file's header lacks MPID.
    folderWithCorruptMiddleWeek: (): SourceFolder => {
      const created = createSourceFolder();
      folders.push(created);
      created.copyGenerated("finra_otc_weekly_otc_20251103.csv");
      created.write(
        "finra_otc_weekly_otc_20251110.csv",
        withoutMpidHeader("finra_otc_weekly_otc_20251110.csv"),
      );
      created.copyGenerated("finra_otc_weekly_otc_20251117.csv");
      return created;
    },
    cleanup: async (): Promise<void> => {
      await spine?.cleanup();
      spine = undefined;
      for (const folder of folders.splice(0)) folder.remove();
    },
  };
}
