import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { atsDomain } from "@spine/domain-ats";
import { otcDomain } from "@spine/domain-otc";
import {
  createDatabaseLocation,
  createSilentLogger,
  createSpine,
  loadSettings,
  type Spine,
} from "@spine/platform";
import { expect } from "vitest";
import type { ApiContext } from "../../src/index.js";

const fixtures = (path: string) => fileURLToPath(new URL(`../../../../fixtures/${path}`, import.meta.url));

/** The week whose forced re-ingest leaves its later stages (and later windows) stale. */
export const staleWeek = "2025-10-17";
/** The week whose ingest failed on a file without the MPID and trade count columns. */
export const failedWeek = "2025-11-07";

/** A spine holding both domains' generated fixtures, one stale and one failed OTC partition. */
export interface DashboardSpine {
  readonly spine: Spine;
  readonly context: ApiContext;
  readonly dispose: () => Promise<void>;
}

async function submit(spine: Spine, pipeline: string, params: Record<string, unknown>, force = false) {
  return spine.dispatcher.submit(pipeline, params, force ? { force: true } : {});
}

/**
 * Backfills the OTC tier of the generated OTC weeks and every ATS fixture, then forces one OTC
 * ingest (stale later stages) and fails another: the states the dashboard must show. On PostgreSQL
 * when SPINE_TEST_DATABASE_URL is set, else SQLite.
 */
export async function openDashboardSpine(): Promise<DashboardSpine> {
  const folder = mkdtempSync(join(tmpdir(), "spine-dashboard-"));
  const location = await createDatabaseLocation({
    directory: folder,
    postgresAdminUrl: process.env.SPINE_TEST_DATABASE_URL || undefined,
  });
  const domains = [otcDomain, atsDomain];
  const settings = loadSettings(location.settings, {});
  const spine = await createSpine({ settings, domains, logger: createSilentLogger() });
  await spine.migrate();
  const otc = await submit(spine, "otc.backfill_range", {
    source_dir: fixtures("finra-otc/generated"),
    tier: "OTC",
  });
  expect(otc.status, otc.error ?? "").toBe("completed");
  const ats = await submit(spine, "ats.backfill_range", { source_dir: fixtures("finra-ats/generated") });
  expect(ats.status, ats.error ?? "").toBe("completed");
  const week = { tier: "OTC", week_ending: staleWeek };
  const file = fixtures(`finra-otc/generated/otc_week_${staleWeek}.csv`);
  expect((await submit(spine, "otc.ingest_week", { file_path: file, ...week }, true)).status).toBe(
    "completed",
  );
  const bad = fixtures("finra-otc/edge-cases/missing-columns.csv");
  const failed = await submit(spine, "otc.ingest_week", {
    file_path: bad,
    tier: "OTC",
    week_ending: failedWeek,
  });
  expect(failed.status).toBe("failed");
  return {
    spine,
    context: { spine, domains },
    dispose: async () => {
      await spine.close();
      await location.drop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
