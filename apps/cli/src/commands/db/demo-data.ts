import type { Spine } from "@spine/platform";

/**
 * The folders of generated weeks that `pnpm demo` loads. Runs over them leave fixture weeks in a
 * database, where real weeks beside them would read those weeks as real (a rolling average then
 * counts a fixture week's absent symbols as zero volume).
 */
export const demoSourceFolders = ["fixtures/finra-otc/generated", "fixtures/finra-ats/generated"] as const;

/** The demo folders that runs recorded in this database loaded from (none for a clean database). */
export async function demoFoldersLoaded(spine: Spine): Promise<string[]> {
  const runs = await spine.database.db
    .selectFrom("core_executions")
    .select("params")
    .where((where) => where.or(demoSourceFolders.map((folder) => where("params", "like", `%${folder}%`))))
    .limit(100)
    .execute();
  return demoSourceFolders.filter((folder) => runs.some((run) => run.params.includes(folder)));
}

/** One line for stderr when a database holds the demo's generated weeks; null otherwise. */
export function demoDataWarning(database: string, folders: readonly string[]): string | null {
  if (folders.length === 0) return null;
  return `warning: ${database} holds the demo's generated weeks (loaded from ${folders.join(", ")}); load real FINRA files into another database (--db PATH or SPINE_DATABASE_PATH) so fixture weeks never mix with real ones.\n`;
}
