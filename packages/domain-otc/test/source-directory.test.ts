import { afterEach, describe, expect, it } from "vitest";
import { readSourceDirectory } from "../src/pipelines/support/source-directory.js";
import type { SourceFolder } from "./support/source-folder.js";
import { createSourceFolder } from "./support/source-folder.js";

let folder: SourceFolder | undefined;
afterEach(() => folder?.remove());

describe("integration", () => {
  it("recognises files by name, else by content, so renamed downloads are found", async () => {
    folder = createSourceFolder();
    folder.copyGenerated("otc_week_2025-10-03.csv");
    folder.copyGenerated("otc_week_2025-10-10.csv", "download (1).csv");
    folder.write(
      "week_2025-12-19.psv",
      "WeekEnding|Tier|Symbol|MPID|TotalShares|TotalTrades\n2025-12-19|OTC|AAAA|MMAA|100|2\n",
    );
    folder.write("README.md", "not data\n");
    const listing = await readSourceDirectory(folder.directory);
    if (!listing.ok) throw new Error(listing.issues.join());
    expect(listing.value.files.map(({ fileName, tier, weekEnding }) => [fileName, tier, weekEnding])).toEqual(
      [
        ["download (1).csv", "OTC", "2025-10-10"],
        ["otc_week_2025-10-03.csv", "OTC", "2025-10-03"],
        ["week_2025-12-19.psv", "OTC", "2025-12-19"],
      ],
    );
    expect(listing.value.ignored).toEqual(["README.md"]);
  });
});
