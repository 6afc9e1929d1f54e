import { afterEach, describe, expect, it } from "vitest";
import type { Spine } from "../src/index.js";
import { enqueueBackfill, sql } from "../src/index.js";
import type { JobEngine } from "../src/queue/create-job-engine.js";
import { createJobEngine } from "../src/queue/create-job-engine.js";
import { settleExhaustedJob } from "../src/queue/settle-exhausted-job.js";
import { fastQueue } from "./support/queue-test-helpers.js";
import { seriesDomain } from "./support/series-domain.js";
import { openTemporarySpine } from "./support/temporary-spine.js";
import { testBackend } from "./support/test-backend.js";

// A dead letter (a job pg-boss gave up on) may arrive long after the delivery it stands for: by
// then `spine backfill retry` may have queued the job again under a new engine job id.

describe.runIf(testBackend === "postgres")("integration: dead letters of queued jobs (postgres)", () => {
  let spine: Spine | undefined;
  let engine: JobEngine | undefined;

  afterEach(async () => {
    await engine?.stop(false);
    await spine?.close();
    [spine, engine] = [undefined, undefined];
  });

  async function open() {
    spine = await openTemporarySpine({ domains: [seriesDomain], settings: fastQueue });
    engine = await createJobEngine(spine.settings, {
      logger: spine.logger,
      supervise: false,
      connections: 2,
    });
    return { spine, engine };
  }

  async function jobRow(opened: Spine, backfillId: string) {
    return opened.database.db
      .selectFrom("core_queue_jobs")
      .select(["state", "engine_job_id"])
      .where("backfill_id", "=", backfillId)
      .where("position", "=", 0)
      .executeTakeFirstOrThrow();
  }

  it("sends each job with the engine job id it is recorded under", async () => {
    const { spine: opened } = await open();
    const queued = await enqueueBackfill(opened, "series.backfill", {
      inputs: { "a|2025-01-01": ["good-a1"] },
    });
    const row = await jobRow(opened, queued.backfillId);
    const sent = await sql<{ id: string; sent_as: string }>`
      select id::text as id, data->>'sentAs' as sent_as from pgboss.job
      where data->>'backfillId' = ${queued.backfillId} and (data->>'position')::int = 0`.execute(
      opened.database.db,
    );
    expect(sent.rows).toEqual([{ id: row.engine_job_id, sent_as: row.engine_job_id }]);
  }, 60_000);

  it("leaves a job queued again since alone when the dead letter of its earlier delivery arrives", async () => {
    const { spine: opened, engine: jobs } = await open();
    const queued = await enqueueBackfill(opened, "series.backfill", {
      inputs: { "a|2025-01-01": ["good-a1"] },
    });
    const earlier = await jobRow(opened, queued.backfillId);
    // What `backfill retry` leaves behind: the same job queued under a new engine job id.
    await opened.database.db
      .updateTable("core_queue_jobs")
      .set({ engine_job_id: "00000000-0000-4000-8000-000000000001" })
      .where("backfill_id", "=", queued.backfillId)
      .where("position", "=", 0)
      .execute();
    const deadLetter = { backfillId: queued.backfillId, position: 0, sentAs: earlier.engine_job_id ?? "" };
    await settleExhaustedJob(opened, jobs, deadLetter);
    expect((await jobRow(opened, queued.backfillId)).state).toBe("queued");
    // The dead letter of the delivery the job is recorded under still fails it.
    await settleExhaustedJob(opened, jobs, { ...deadLetter, sentAs: "00000000-0000-4000-8000-000000000001" });
    expect((await jobRow(opened, queued.backfillId)).state).toBe("failed");
  }, 60_000);
});
