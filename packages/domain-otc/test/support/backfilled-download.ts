import { openOtcSpine } from "./otc-spine.js";
import { createSourceFolder } from "./source-folder.js";

/**
 * A migrated OTC Spine after `otc.backfill_range` over a fresh folder holding one FINRA download
 * (`lines`, header first, under `fileName`); its cleanup removes the folder too.
 */
export async function openBackfilledDownload(fileName: string, lines: readonly string[], tier = "OTC") {
  const folder = createSourceFolder();
  folder.write(fileName, `${lines.join("\n")}\n`);
  const spine = await openOtcSpine();
  const closeSpine = spine.cleanup;
  const cleanup = async () => {
    await closeSpine();
    folder.remove();
  };
  const run = await spine.dispatcher.submit("otc.backfill_range", { source_dir: folder.directory, tier });
  if (run.status !== "completed") {
    await cleanup();
    throw new Error(`backfill of ${fileName}: ${run.status} ${run.error ?? ""}`);
  }
  return Object.assign(spine, { cleanup, folder: folder.directory });
}
