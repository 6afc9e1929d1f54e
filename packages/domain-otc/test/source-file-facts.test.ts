import { utimesSync } from "node:fs";
import { join } from "node:path";
import { createSilentLogger, createSourceFileFacts } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { contentPlacementVersion, readSourceDirectory } from "../src/pipelines/support/source-directory.js";
import { openOtcSpine } from "./support/otc-spine.js";
import type { SourceFolder } from "./support/source-folder.js";
import { createSourceFolder } from "./support/source-folder.js";

// A FINRA download is placed in its week by reading all its rows. Every backfill listed its folder
// that way: with five years of files in it, a one-week backfill read 5 GB first (18 s for 780 files).
// Files written a moment ago are never remembered (they may still change unseen): the tests date
// theirs in the past.

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
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    const directory = folder.directory;
    const options = {
      domain: "otc",
      folder: directory,
      version: contentPlacementVersion,
      write: true,
      logger: createSilentLogger(),
    };
    const weekOf = async () => {
      const facts = await createSourceFileFacts(spine.database, options);
      const listing = await readSourceDirectory(directory, facts);
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
    utimesSync(path, 1_700_000_100, 1_700_000_100);
    expect(await weekOf()).toEqual([placed]);
  });

  it("remembers the week of every download a backfill placed, and nothing from a dry run", async () => {
    const spine = await openOtcSpine();
    cleanup = spine.cleanup;
    folder = createSourceFolder();
    for (const name of [download, "finra_otc_weekly_otc_20251110.csv"]) {
      folder.copyGenerated(name);
      utimesSync(join(folder.directory, name), 1_700_000_000, 1_700_000_000);
    }
    const params = { source_dir: folder.directory };
    await spine.dispatcher.plan("otc.backfill_range", params);
    const planned = await spine.database.db.selectFrom("core_source_file_facts").select("path").execute();
    expect(planned).toEqual([]);
    const run = await spine.dispatcher.submit("otc.backfill_range", params);
    expect(run.status).toBe("completed");
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
