import { utimesSync } from "node:fs";
import { join } from "node:path";
import { createSilentLogger, createSourceFileFacts } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { contentPlacementVersion, readSourceDirectory } from "../src/pipelines/support/source-directory.js";
import { openOtcSpine } from "./support/otc-spine.js";
import type { SourceFolder } from "./support/source-folder.js";
import { createSourceFolder } from "./support/source-folder.js";

// A FINRA download is placed in its week by reading all its rows. Every backfill listed its folder
// that way: with five years of files in it, a one-week backfill read 5 GB first (23 s for 780 files).

let folder: SourceFolder | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  folder?.remove();
  await cleanup?.();
  [folder, cleanup] = [undefined, undefined];
});

const download = "finra_otc_weekly_otc_20251103.csv";

describe("integration", () => {
  it("places a FINRA download by its rows once, then by what was remembered until the file changes", async () => {
    const spine = await openOtcSpine();
    cleanup = spine.cleanup;
    folder = createSourceFolder();
    folder.copyGenerated(download);
    const path = join(folder.directory, download);
    const options = { domain: "otc", version: contentPlacementVersion, logger: createSilentLogger() };
    const weekOf = async () => {
      const facts = await createSourceFileFacts(spine.database, options);
      const listing = await readSourceDirectory(folder?.directory ?? "", facts);
      if (!listing.ok) throw new Error(listing.issues.join());
      return listing.value.files.map((file) => file.weekEnding);
    };
    const [placed] = await weekOf();
    expect(placed).toMatch(/^2025-/);
    // The remembered week answers while the file is unchanged: alter it and it is what a listing says.
    await spine.database.db
      .updateTable("core_source_file_facts")
      .set({
        facts: JSON.stringify({ tier: "OTC", weekEnding: "2001-01-05", publicationDate: "2001-01-29" }),
      })
      .where("path", "=", path)
      .execute();
    expect(await weekOf()).toEqual(["2001-01-05"]);
    // A file touched since is read again.
    utimesSync(path, new Date(), new Date());
    expect(await weekOf()).toEqual([placed]);
  });

  it("remembers the week of every download a backfill plan placed", async () => {
    const spine = await openOtcSpine();
    cleanup = spine.cleanup;
    folder = createSourceFolder();
    folder.copyGenerated(download);
    folder.copyGenerated("finra_otc_weekly_otc_20251110.csv");
    await spine.dispatcher.plan("otc.backfill_range", { source_dir: folder.directory });
    const remembered = await spine.database.db
      .selectFrom("core_source_file_facts")
      .select(["domain", "path"])
      .orderBy("path")
      .execute();
    expect(remembered.map((row) => [row.domain, row.path.slice(folder?.directory.length)])).toEqual([
      ["otc", `/${download}`],
      ["otc", "/finra_otc_weekly_otc_20251110.csv"],
    ]);
  });
});
