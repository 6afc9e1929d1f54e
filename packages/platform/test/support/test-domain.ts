import { sql } from "kysely";
import { z } from "zod";
import { defineDomain, defineMigration, definePipeline } from "../../src/index.js";

// A miniature domain exercising every platform feature the real domains rely on.
const partitionParams = z.object({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .describe("the day to load, YYYY-MM-DD"),
  rows: z.number().int().min(0).default(3).describe("how many rows to write"),
  fail_after_write: z.boolean().default(false),
  critical_check: z.enum(["pass", "fail", "expected_fail"]).default("pass"),
});

const stagePartition = (params: { day: string }) => ({ key: { day: params.day } });

export const loadPipeline = definePipeline({
  name: "demo.load",
  description: "Writes rows for a day; can fail after writing to prove rollback.",
  params: partitionParams,
  stage: { domain: "demo", stage: "load", partition: stagePartition },
  run: async (context, params) => {
    const rows = Array.from({ length: params.rows }, (_, index) => [params.day, index, index * 10]);
    await context.scope.bulkInsert("demo_values", ["day", "position", "amount"], rows);
    await context.rejects.record([
      { reasonCode: "DEMO", reasonDetail: "a reject", lineNumber: 7, rawRecord: "x|y" },
    ]);
    await context.quality.record({
      checkName: "demo.rows",
      severity: "info",
      status: "pass",
      message: "ok",
      actual: params.rows,
    });
    await context.quality.record({
      checkName: "demo.reconciles",
      severity: "critical",
      status: params.critical_check === "pass" ? "pass" : "fail",
      expected: params.critical_check === "expected_fail",
      message: "totals agree",
    });
    context.logger.info("loaded", { rows: params.rows });
    if (params.fail_after_write) throw new Error("boom after writing");
    return { rowCount: params.rows, metrics: { day: params.day } };
  },
});

export const summarizePipeline = definePipeline({
  name: "demo.summarize",
  description: "Sums a day's values.",
  params: z.object({ day: z.string() }),
  stage: { domain: "demo", stage: "summarize", partition: stagePartition },
  run: async (context, params) => {
    const result = await sql<{
      total: number;
    }>`select coalesce(sum(amount), 0) as total from demo_values where day = ${params.day}`.execute(
      context.scope.db,
    );
    return { rowCount: 1, metrics: { total: Number(result.rows[0]?.total ?? 0) } };
  },
});

export const publishPipeline = definePipeline({
  name: "demo.publish",
  description: "Last stage; used to prove cascading invalidation.",
  params: z.object({ day: z.string() }),
  stage: { domain: "demo", stage: "publish", partition: stagePartition },
  run: async () => ({ rowCount: 0 }),
});

export const fingerprintPipeline = definePipeline({
  name: "demo.fingerprinted",
  description: "A stage whose input identity is a parameter, like a file hash.",
  params: z.object({ day: z.string(), content: z.string() }),
  stage: {
    domain: "demo",
    stage: "load",
    partition: (params) => ({
      key: { day: params.day, kind: "fingerprinted" },
      fingerprint: params.content,
      inputFacts: { length: params.content.length },
    }),
  },
  run: async (context) => ({ rowCount: 1, metrics: { inputFacts: context.partition?.inputFacts ?? null } }),
});

export const workflowPipeline = definePipeline({
  name: "demo.workflow",
  description: "Orchestrates load then summarize for a day.",
  params: z.object({ day: z.string(), mode: z.enum(["full", "load_only"]).default("full") }),
  run: async (context, params) => {
    const load = await context.submit("demo.load", { day: params.day });
    const children = [load];
    if (params.mode === "full") children.push(await context.submit("demo.summarize", { day: params.day }));
    return {
      metrics: { children: children.map((child) => child.status) },
      output: { children: children.map((child) => child.id) },
    };
  },
  plan: async (context, params) => [
    await context.plan("demo.load", { day: params.day }),
    await context.plan("demo.summarize", { day: params.day }),
  ],
});

export const purgePipeline = definePipeline({
  name: "demo.purge",
  description: "Deletes a day's values outside any stage, under the day's lock; can fail midway.",
  params: z.object({ day: z.string(), fail_midway: z.boolean().default(false) }),
  run: async (context, params) => {
    const removed = await context.exclusive(
      { domain: "demo", partition: { day: params.day } },
      async (exclusive) => {
        const result = await sql`delete from demo_values where day = ${params.day}`.execute(
          exclusive.scope.db,
        );
        await exclusive.invalidate(["load", "summarize", "publish"]);
        if (params.fail_midway) throw new Error("failed after deleting");
        return Number(result.numAffectedRows ?? 0);
      },
    );
    return { rowCount: removed };
  },
});

const createDemoTables = defineMigration({
  name: "0001_create_demo_values",
  statements: (db) => [
    db.schema
      .createTable("demo_values")
      .addColumn("day", "text", (column) => column.notNull())
      .addColumn("position", "integer", (column) => column.notNull())
      .addColumn("amount", "integer", (column) => column.notNull()),
  ],
});

export const demoDomain = defineDomain({
  name: "demo",
  description: "Test domain.",
  stages: ["load", "summarize", "publish"],
  pipelines: [
    loadPipeline,
    summarizePipeline,
    publishPipeline,
    fingerprintPipeline,
    workflowPipeline,
    purgePipeline,
  ],
  migrations: [createDemoTables],
});

export { createDemoTables };
