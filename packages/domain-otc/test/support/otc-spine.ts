import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Spine } from "@spine/platform";
import { createSilentLogger, createSpine, loadSettings } from "@spine/platform";
import { otcDomain } from "../../src/index.js";

/** The repository's fixtures folder. */
export const fixturesDirectory = fileURLToPath(new URL("../../../../fixtures/finra-otc/", import.meta.url));

/** A migrated Spine with the OTC domain over a fresh SQLite file, and its cleanup. */
export async function openOtcSpine(): Promise<Spine & { cleanup: () => Promise<void>; directory: string }> {
  const directory = mkdtempSync(join(tmpdir(), "spine-otc-"));
  const settings = loadSettings({ databasePath: join(directory, "spine.db") }, {});
  const spine = await createSpine({ settings, domains: [otcDomain], logger: createSilentLogger() });
  await spine.migrate();
  const cleanup = async () => {
    await spine.close();
    rmSync(directory, { recursive: true, force: true });
  };
  return Object.assign(spine, { cleanup, directory });
}
