import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createDatabaseLocation,
  createSilentLogger,
  createSpine,
  loadSettings,
  type Spine,
} from "@spine/platform";
import { atsDomain } from "../../src/index.js";

/** fixtures/finra-ats/<name>, from the repository root. */
export const atsFixtures = (name: string) =>
  fileURLToPath(new URL(`../../../../fixtures/finra-ats/${name}`, import.meta.url));

/** A migrated spine with only the ATS domain, and how to throw it away. */
export interface AtsSpine {
  readonly spine: Spine;
  readonly dispose: () => Promise<void>;
}

/**
 * A fresh ATS spine (its pipelines see `environment`, e.g. a mock FINRA API's URL). SPINE_TEST_DATABASE_URL (set by `pnpm test`'s PostgreSQL run) is an admin URL
 * on which each spine gets a scratch database; without it the spine lives in a SQLite file.
 */
export async function openAtsSpine(
  options: { readonly environment?: Readonly<Record<string, string>> } = {},
): Promise<AtsSpine> {
  const folder = mkdtempSync(join(tmpdir(), "spine-ats-"));
  const location = await createDatabaseLocation({
    directory: folder,
    postgresAdminUrl: process.env.SPINE_TEST_DATABASE_URL || undefined,
  });
  // Landing files stay in the spine's own folder, whichever backend holds its tables.
  const spine = await createSpine({
    settings: loadSettings({ ...location.settings, landingDir: join(folder, "landing") }, {}),
    domains: [atsDomain],
    logger: createSilentLogger(),
    ...(options.environment ? { environment: options.environment } : {}),
  });
  await spine.migrate();
  return {
    spine,
    dispose: async () => {
      await spine.close();
      await location.drop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
