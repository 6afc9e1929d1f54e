import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Spine } from "@spine/platform";
import { createSilentLogger, createSpine, loadSettings } from "@spine/platform";
import { otcDomain } from "../../src/index.js";
import { createTestDatabaseLocation } from "./test-backend.js";

/** The repository's fixtures folder. */
export const fixturesDirectory = fileURLToPath(new URL("../../../../fixtures/finra-otc/", import.meta.url));

/**
 * A migrated Spine with the OTC domain over a fresh database (a SQLite file, or a scratch
 * PostgreSQL database when SPINE_TEST_DATABASE_URL is set; `backend` forces one), and its cleanup.
 */
export async function openOtcSpine(
  options: { backend?: "sqlite" | "postgres" } = {},
): Promise<Spine & { cleanup: () => Promise<void>; directory: string }> {
  const directory = mkdtempSync(join(tmpdir(), "spine-otc-"));
  const target = await createTestDatabaseLocation(directory, options.backend);
  const settings = loadSettings(target.settings, {});
  const spine = await createSpine({ settings, domains: [otcDomain], logger: createSilentLogger() });
  await spine.migrate();
  const cleanup = async () => {
    await spine.close();
    await target.drop();
    rmSync(directory, { recursive: true, force: true });
  };
  return Object.assign(spine, { cleanup, directory });
}
