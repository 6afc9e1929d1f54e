import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { Spine } from "../src/index.js";
import {
  createTableLockManager,
  isSpineError,
  listChildExecutions,
  listExecutions,
  type SpineError,
} from "../src/index.js";
import { openTemporarySpine } from "./support/temporary-spine.js";

let spine: (Spine & { directory: string }) | undefined;
afterEach(async () => {
  await spine?.close();
  spine = undefined;
});

async function count(table: string): Promise<number> {
  if (!spine) throw new Error("no spine");
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
    spine.database.db,
  );
  return Number(result.rows[0]?.n);
}

describe("integration", () => {
  it("refuses invalid parameters with one error listing each with what was expected", async () => {
    spine = await openTemporarySpine();
    const attempt = spine.dispatcher.submit("demo.load", { day: "yesterday", rows: "many", colour: "red" });
    const error = (await attempt.catch((caught: unknown) => caught)) as SpineError;
    expect(isSpineError(error)).toBe(true);
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toContain("day:");
    expect(error.message).toContain("rows:");
    expect(error.message).toContain("colour: unknown parameter");
    expect(error.message).toContain("expected integer (how many rows to write)");
    expect(await count("core_executions")).toBe(0);
  });

  it("rolls back every write of a failing stage and records its error and stack", async () => {
    spine = await openTemporarySpine();
    const execution = await spine.dispatcher.submit("demo.load", {
      day: "2025-01-02",
      fail_after_write: "true",
    });
    expect(execution.status).toBe("failed");
    expect(execution.error).toBe("boom after writing");
    expect(await count("demo_values")).toBe(0);
    expect(await count("core_rejects")).toBe(0);
    expect(await count("core_quality")).toBe(0);
    expect(await count("core_manifest")).toBe(0);
    const row = await spine.database.db.selectFrom("core_executions").selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.error_stack).toContain("boom after writing");
    expect(row.finished_at).not.toBeNull();
  });

  it("runs a stage once, records it in the manifest, and skips it on the next submit", async () => {
    spine = await openTemporarySpine();
    const first = await spine.dispatcher.submit("demo.load", { day: "2025-01-02", rows: "4" });
    expect(first.status).toBe("completed");
    expect(first.metrics).toMatchObject({ rowCount: 4, day: "2025-01-02" });
    expect(first.logicalKey).toBe('demo:{"day":"2025-01-02"}');
    const second = await spine.dispatcher.submit("demo.load", { day: "2025-01-02", rows: "4" });
    expect(second.status).toBe("skipped");
    expect(await count("demo_values")).toBe(4);
    const manifest = await spine.database.db.selectFrom("core_manifest").selectAll().execute();
    expect(manifest).toHaveLength(1);
    expect(manifest[0]).toMatchObject({
      domain: "demo",
      partition_key: '{"day":"2025-01-02"}',
      stage: "load",
      execution_id: first.id,
    });
    const rejects = await spine.database.db.selectFrom("core_rejects").selectAll().execute();
    expect(rejects[0]).toMatchObject({
      reason_code: "DEMO",
      line_number: 7,
      raw_record: "x|y",
      stage: "load",
      execution_id: first.id,
    });
  });

  it("re-runs a forced stage and invalidates the later stages of that partition only", async () => {
    spine = await openTemporarySpine();
    for (const day of ["2025-01-02", "2025-01-03"]) {
      await spine.dispatcher.submit("demo.load", { day });
      await spine.dispatcher.submit("demo.summarize", { day });
      await spine.dispatcher.submit("demo.publish", { day });
    }
    const forced = await spine.dispatcher.submit("demo.load", { day: "2025-01-02" }, { force: true });
    expect(forced.status).toBe("completed");
    expect(forced.metrics.invalidatedStages).toEqual(["summarize", "publish"]);
    const stages = await spine.database.db
      .selectFrom("core_manifest")
      .select(["partition_key", "stage"])
      .where("stale_reason", "is", null)
      .orderBy("partition_key")
      .orderBy("stage")
      .execute();
    expect(stages).toEqual([
      { partition_key: '{"day":"2025-01-02"}', stage: "load" },
      { partition_key: '{"day":"2025-01-03"}', stage: "load" },
      { partition_key: '{"day":"2025-01-03"}', stage: "publish" },
      { partition_key: '{"day":"2025-01-03"}', stage: "summarize" },
    ]);
    // The invalidated entries stay, marked stale with the reason, so status commands can say so.
    const stale = await spine.database.db
      .selectFrom("core_manifest")
      .select(["partition_key", "stage", "stale_reason"])
      .where("stale_reason", "is not", null)
      .orderBy("stage")
      .execute();
    expect(stale.map((entry) => [entry.partition_key, entry.stage])).toEqual([
      ['{"day":"2025-01-02"}', "publish"],
      ['{"day":"2025-01-02"}', "summarize"],
    ]);
    expect(stale[0]?.stale_reason).toContain(`load of {"day":"2025-01-02"} changed (execution ${forced.id})`);
    expect((await spine.dispatcher.submit("demo.summarize", { day: "2025-01-02" })).status).toBe("completed");
    const refreshed = await spine.database.db
      .selectFrom("core_manifest")
      .select("stale_reason")
      .where("stage", "=", "summarize")
      .where("partition_key", "=", '{"day":"2025-01-02"}')
      .executeTakeFirst();
    expect(refreshed).toEqual({ stale_reason: null });
  });

  it("hands run what the partition decision learned about the input", async () => {
    spine = await openTemporarySpine();
    const execution = await spine.dispatcher.submit("demo.fingerprinted", { day: "d", content: "abc" });
    expect(execution.metrics).toMatchObject({ inputFacts: { length: 3 } });
  });

  it("runs a stage again when its input fingerprint changes, and skips the same input", async () => {
    spine = await openTemporarySpine();
    expect((await spine.dispatcher.submit("demo.fingerprinted", { day: "d", content: "a" })).status).toBe(
      "completed",
    );
    expect((await spine.dispatcher.submit("demo.fingerprinted", { day: "d", content: "a" })).status).toBe(
      "skipped",
    );
    expect((await spine.dispatcher.submit("demo.fingerprinted", { day: "d", content: "b" })).status).toBe(
      "completed",
    );
  });

  it("groups a run and its children under one correlation id, given or generated", async () => {
    spine = await openTemporarySpine();
    const given = await spine.dispatcher.submit(
      "demo.workflow",
      { day: "2025-01-02" },
      { correlationId: "weekly-load-2025-01-06" },
    );
    expect(given.correlationId).toBe("weekly-load-2025-01-06");
    const generated = await spine.dispatcher.submit("demo.workflow", { day: "2025-01-03" });
    expect(generated.correlationId).toBe(generated.id);
    const grouped = await listExecutions(spine.database.db, { correlationId: "weekly-load-2025-01-06" });
    expect(grouped.map((record) => record.pipeline).sort()).toEqual([
      "demo.load",
      "demo.summarize",
      "demo.workflow",
    ]);
    const children = await listChildExecutions(spine.database.db, generated.id);
    expect(children.map((child) => child.correlationId)).toEqual([generated.id, generated.id]);
  });

  it("records children linked to their parent and sharing its batch", async () => {
    spine = await openTemporarySpine();
    const parent = await spine.dispatcher.submit("demo.workflow", { day: "2025-01-02" }, { trigger: "cli" });
    expect(parent.status).toBe("completed");
    const children = await listChildExecutions(spine.database.db, parent.id);
    expect(children.map((child) => child.pipeline)).toEqual(["demo.load", "demo.summarize"]);
    for (const child of children) {
      expect(child.parentExecutionId).toBe(parent.id);
      expect(child.batchId).toBe(parent.id);
      expect(child.trigger).toBe("parent");
      expect(child.status).toBe("completed");
    }
    expect(children[1]?.metrics).toMatchObject({ total: 0 + 10 + 20 });
  });

  it("plans a dry run from the manifest without writing anything", async () => {
    spine = await openTemporarySpine();
    await spine.dispatcher.submit("demo.load", { day: "2025-01-02" });
    const before = await count("core_executions");
    const plan = await spine.dispatcher.plan("demo.workflow", { day: "2025-01-02" });
    expect(plan.steps?.map((step) => [step.pipeline, step.action])).toEqual([
      ["demo.load", "skip"],
      ["demo.summarize", "run"],
    ]);
    const forcedPlan = await spine.dispatcher.plan("demo.workflow", { day: "2025-01-02" }, { force: true });
    expect(forcedPlan.steps?.[0]?.action).toBe("run");
    expect(await count("core_executions")).toBe(before);
  });

  it("names the closest pipelines when a name is unknown", async () => {
    spine = await openTemporarySpine();
    const error = (await spine.dispatcher
      .submit("demo.lod", {})
      .catch((caught: unknown) => caught)) as SpineError;
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain("Did you mean demo.load");
  });
});

describe("integration", () => {
  it("fails a stage whose critical quality check fails, writing nothing, unless the failure is expected", async () => {
    spine = await openTemporarySpine();
    const failed = await spine.dispatcher.submit("demo.load", { day: "2025-01-02", critical_check: "fail" });
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("demo.reconciles: totals agree");
    expect(await count("demo_values")).toBe(0);
    expect(await count("core_manifest")).toBe(0);
    const accepted = await spine.dispatcher.submit("demo.load", {
      day: "2025-01-03",
      critical_check: "expected_fail",
    });
    expect(accepted.status).toBe("completed");
  });
});

describe("integration", () => {
  it("rolls back an exclusive change that fails midway, keeping the manifest", async () => {
    spine = await openTemporarySpine();
    await spine.dispatcher.submit("demo.load", { day: "2025-01-02" });
    const failed = await spine.dispatcher.submit("demo.purge", { day: "2025-01-02", fail_midway: true });
    expect(failed.status).toBe("failed");
    expect(await count("demo_values")).toBe(3);
    expect(await count("core_manifest")).toBe(1);
    const purged = await spine.dispatcher.submit("demo.purge", { day: "2025-01-02" });
    expect(purged.status).toBe("completed");
    expect(await count("demo_values")).toBe(0);
    // The purged stage is kept in the manifest, marked stale: it counts as not done.
    const entries = await spine.database.db.selectFrom("core_manifest").selectAll().execute();
    expect(entries.map((entry) => [entry.stage, entry.stale_reason === null])).toEqual([["load", false]]);
  });

  it("makes an exclusive change wait for the partition's lock and name its holder", async () => {
    spine = await openTemporarySpine({ lockTimeoutMs: 200 });
    // The backend's own locks: advisory locks on PostgreSQL, the lock table on SQLite.
    const locks = spine.database.locks ?? createTableLockManager(spine.database.db);
    const held = await locks.acquire('demo:{"day":"2025-01-02"}', "running-stage", 100);
    const blocked = await spine.dispatcher.submit("demo.purge", { day: "2025-01-02" });
    await held.release();
    expect(blocked.status).toBe("failed");
    expect(blocked.errorCode).toBe("LOCK_TIMEOUT");
    expect(blocked.error).toContain("running-stage");
  });
});
